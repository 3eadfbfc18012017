"""The community's pages fit a phone screen and a desktop in every language: no sideways
scrolling. Set SCREENSHOT_DIR to keep a PNG of each page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from caselog.community.models import Section, Thread, UserGroup
from caselog.community.services import follow_set
from caselog.community.tasks import unsubscribe_token
from caselog.core.tests.browser import chromium, signed_in_context
from caselog.demo.community import demo_community_seed

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": 390, "desktop": 1280}


def test_community_pages_fit_phone_and_desktop_in_every_language(live_server: Any, moderator: Any) -> None:
    demo_community_seed()
    thread = Thread.objects.filter(accepted_reply__isnull=False, section__locale="en").first()
    assert thread is not None
    follow_set(user=moderator, thread=thread, following=True)
    section = Section.objects.get(slug="iphone-en")
    pages = {
        "index": "/community/?language=de",
        "ask": f"/community/s/{section.slug}/new/",
        "edit": f"/community/edit/thread/{thread.pk}/",
        "groups": "/community/groups/?country=DE",
        "group-edit": f"/community/groups/{UserGroup.objects.first().pk}/edit/",  # type: ignore[union-attr]
        "thread": thread.get_absolute_url(),
        "moderation": "/community/moderation/",
        "member": f"/community/members/{thread.author_id}/",
        "top-helpers": f"/community/s/{section.slug}/top-helpers/",
        "representatives": "/community/moderation/representatives/",
        "sections": "/community/moderation/sections/",
        "unsubscribe": f"/community/unsubscribe/{unsubscribe_token(user_id=moderator.pk, thread_id=thread.pk)}/",
    }
    shots = os.environ.get("SCREENSHOT_DIR")
    overflowing = []
    with chromium() as browser:
        for width_name, width in WIDTHS.items():
            context = signed_in_context(browser, live_server.url, moderator, viewport={"width": width, "height": 900})
            page = context.new_page()
            for language in ("en", "de", "ru"):
                context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
                for name, path in pages.items():
                    page.goto(f"{live_server.url}{path}")
                    if name == "thread":
                        page.locator("details.staff-tools summary").click()
                    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
                    if wide:
                        overflowing.append(f"{name} {language} {width_name}")
                    if shots:
                        Path(shots).mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=f"{shots}/{name}-{language}-{width_name}.png", full_page=True)
            context.close()
    assert overflowing == []
