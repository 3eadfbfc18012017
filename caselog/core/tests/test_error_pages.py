"""Error pages carry the product's layout and speak the reader's language (not Django's
bare English "Not Found" / "Server Error")."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Page not found"), ("de", "Seite nicht gefunden"), ("ru", "Страница не найдена")]
)
def test_a_missing_page_is_a_styled_translated_404_with_the_navigation(client, language, title):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    body = response.content.decode()
    assert title in body
    assert "core/caselog.css" in body and 'class="site-header"' in body and 'id="main"' in body
    assert "Not Found</h1>" not in body


def test_an_object_a_customer_may_not_see_is_the_same_styled_404(client, alice, charlie, alice_case):
    client.force_login(charlie)
    response = client.get(f"/my/cases/{alice_case.number}/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    # In charlie's own language (his profile says Russian), with his navigation.
    body = response.content.decode()
    assert "Страница не найдена" in body and charlie.email in body


@pytest.mark.parametrize(("language", "title"), [("de", "Etwas ist schiefgelaufen"), ("ru", "Что-то пошло не так")])
def test_a_server_error_page_needs_neither_request_context_nor_database_and_is_translated(language, title):
    request = RequestFactory().get("/")
    with translation.override(language):
        response = defaults.server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert title in body and "core/caselog.css" in body and f'lang="{language}"' in body
