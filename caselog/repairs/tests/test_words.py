"""Found trying it: a repair estimate read "Zitieren"/"Цитировать" because the community's
"Quote" (quote a reply) won; each meaning now has its own context."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from caselog.repairs.models import RepairOrder


@pytest.mark.parametrize(
    ("language", "estimate", "quote_a_reply"),
    [("de", "Kostenvoranschlag", "Zitieren"), ("ru", "Смета", "Цитировать"), ("en", "Quote", "Quote")],
)
def test_a_repair_quote_and_quoting_a_reply_are_different_words(language, estimate, quote_a_reply):
    with translation.override(language):
        assert str(RepairOrder.State.QUOTE.label) == estimate
        rendered = Template(
            '{% load i18n %}{% translate "Quote" context "repair estimate" %}|'
            '{% translate "Quote" context "quote a reply" %}'
        ).render(Context())
    assert rendered == f"{estimate}|{quote_a_reply}"
