from __future__ import annotations

import pytest
from django.db import transaction

from caselog.accounts.tests.factories import UserFactory
from caselog.core import events

pytestmark = pytest.mark.django_db(transaction=True)

seen: list[tuple[str, str]] = []


def _payload(user):
    return {"email": user.email}


def _record(event):
    seen.append((event.kind, event.payload()["email"]))


def _record_inside(event):
    seen.append(("inside:" + event.kind, event.payload()["email"]))


def _fail(event):
    raise RuntimeError("a broken subscriber")


@pytest.fixture(autouse=True)
def _kind():
    seen.clear()
    events.event_kind_register(
        "test.user_poked", payload=_payload, visible_to=lambda user, pk: True, scope_id=lambda u: u.pk
    )
    yield
    events._KINDS.pop("test.user_poked", None)
    for key in [k for k in events._SUBSCRIPTIONS if k.startswith(__name__)]:
        events._SUBSCRIPTIONS.pop(key)


def test_subscribers_hear_an_event_only_after_the_commit():
    events.event_subscribe("test.user_poked", _record)
    user = UserFactory(email="poked@example.com")
    with transaction.atomic():
        events.event_emit("test.user_poked", user, {"why": "testing"})
        assert seen == []
    assert seen == [("test.user_poked", "poked@example.com")]


def test_a_rolled_back_change_announces_nothing_but_inside_subscribers_ran_with_it():
    events.event_subscribe(events.ANY, _record)
    events.event_subscribe("test.user_poked", _record_inside, on_commit=False)
    user = UserFactory(email="rolled@example.com")
    with pytest.raises(RuntimeError), transaction.atomic():
        events.event_emit("test.user_poked", user)
        raise RuntimeError("the service failed")
    assert seen == [("inside:test.user_poked", "rolled@example.com")]


def test_a_failing_subscriber_does_not_stop_the_others_or_the_change():
    events.event_subscribe("test.user_poked", _fail)
    events.event_subscribe("test.user_poked", _record)
    user = UserFactory(email="sturdy@example.com")
    with transaction.atomic():
        events.event_emit("test.user_poked", user)
    assert seen == [("test.user_poked", "sturdy@example.com")]


def test_an_unknown_kind_is_refused_at_once():
    with pytest.raises(ValueError, match="unknown event kind"):
        events.event_emit("test.never_declared", UserFactory())


def test_event_carries_its_data_over_the_kind_payload():
    user = UserFactory(email="data@example.com")
    event = events.event_emit("test.user_poked", user, {"email": "override@example.com", "extra": 1})
    assert event.payload() == {"email": "override@example.com", "extra": 1}
    assert event.scope_id() == user.pk and event.target_label == user._meta.label_lower
