"""Images attached to questions and answers: limits on number, size and kind; served only to
those who may see the post."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caselog.community.models import PostImage, Thread
from caselog.community.services import IMAGE_MAX_BYTES
from caselog.community.tests.factories import ThreadFactory
from conftest import client_for

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def _png(name: str = "screen.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_customer_asks_with_two_images_and_readers_see_them(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    response = client_for(anna).post(
        reverse("community:thread_new", args=[en_iphone_section.slug]),
        {"title": "Screen shows stripes", "body": "See pictures", "images": [_png(), _png("b.jpg", JPEG)]},
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    images = list(thread.images.all())
    assert [i.content_type for i in images] == ["image/png", "image/jpeg"]
    assert all("screen" not in str(i.file.name) for i in images)  # the uploader's file name is not kept
    page = client_for(lukas).get(thread.get_absolute_url()).content.decode()
    assert images[0].get_absolute_url() in page and images[1].get_absolute_url() in page
    served = client_for(lukas).get(images[0].get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PNG  # type: ignore[attr-defined]


def test_answer_with_an_image(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    client_for(lukas).post(reverse("community:reply", args=[thread.pk]), {"body": "Like this", "images": [_png()]})
    image = PostImage.objects.get()
    assert image.reply is not None and image.reply.author == lukas
    assert image.get_absolute_url() in client_for(anna).get(thread.get_absolute_url()).content.decode()


def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(anna: Any, en_iphone_section: Any) -> None:
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 this is a program", content_type="image/png")
    response = client_for(anna).post(
        reverse("community:thread_new", args=[en_iphone_section.slug]),
        {"title": "Screen shows stripes", "body": "See pictures", "images": [fake]},
    )
    assert response.status_code == 422
    assert "photo.png is not a PNG, JPEG, GIF or WebP image." in response.content.decode()
    assert not Thread.objects.exists() and not PostImage.objects.exists()


def test_at_most_four_images_and_five_megabytes_each(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    client = client_for(anna)
    too_many = client.post(
        reverse("community:reply", args=[thread.pk]), {"body": "x", "images": [_png(f"{n}.png") for n in range(5)]}
    )
    assert too_many.status_code == 422 and "Attach at most 4 images to one post." in too_many.content.decode()
    big = _png("big.png", PNG + b"\x00" * IMAGE_MAX_BYTES)
    too_big = client.post(reverse("community:reply", args=[thread.pk]), {"body": "x", "images": [big]})
    assert too_big.status_code == 422 and "big.png is too large: at most 5 MB." in too_big.content.decode()
    assert not PostImage.objects.exists()


def test_images_of_a_hidden_post_are_404_for_outsiders(
    anna: Any, charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    client_for(anna).post(
        reverse("community:thread_new", args=[en_iphone_section.slug]),
        {"title": "Screen shows stripes", "body": "See", "images": [_png()]},
    )
    thread = Thread.objects.get()
    image = PostImage.objects.get()
    client_for(moderator).post(reverse("community:moderate", args=[thread.pk]), {"action": "hide"})
    assert client_for(charlie).get(image.get_absolute_url()).status_code == 404
    assert client_for(anna).get(image.get_absolute_url()).status_code == 200
    assert client_for(moderator).get(image.get_absolute_url()).status_code == 200
    assert client_for(charlie).get(reverse("community:image", args=[999])).status_code == 404
