from __future__ import annotations

import pytest

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.community.models import Report, Representative, Section, Thread, UserGroup
from caselog.demo.community import demo_community_seed
from caselog.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_a_multilingual_community_once() -> None:
    agent = UserFactory(email="agent-en@example.com", roles=[Role.AGENT])
    created = demo_community_seed()
    assert created >= 50
    assert demo_community_seed() == 0
    assert set(Section.objects.values_list("locale", flat=True)) == {"ru", "de", "en"}
    assert Thread.objects.filter(accepted_reply__isnull=False).count() >= 30
    assert SearchDocument.objects.filter(kind="thread").count() == created
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    groups = UserGroup.objects.all()
    assert groups.count() >= 6 and {"RU", "DE", "GB"} <= set(groups.values_list("country", flat=True))
    for locale in ("ru", "de", "en"):
        threads = Thread.objects.filter(section__locale=locale)
        assert threads.count() >= 50
        assert threads.filter(accepted_reply__isnull=False).count() >= 20
        assert threads.filter(reply_count=0).exists()  # the "unanswered" list has something to show
    assert Representative.objects.get().user == agent
