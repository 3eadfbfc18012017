from __future__ import annotations

import pytest

from caselog.community.demo import demo_community_seed
from caselog.community.models import Section, Thread
from caselog.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_a_multilingual_community_once() -> None:
    assert demo_community_seed() == 12
    assert demo_community_seed() == 0
    assert set(Section.objects.values_list("locale", flat=True)) == {"ru", "de", "en"}
    assert Thread.objects.filter(accepted_reply__isnull=False).count() >= 5
    assert SearchDocument.objects.filter(kind="thread").count() == 12
