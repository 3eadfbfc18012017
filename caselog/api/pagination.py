"""Keyset pagination for the API's list endpoints: the cursor is the signed id of the last row of
a page, so pages stay stable while rows are added or change between requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core import signing
from django.db.models import Model, QuerySet

from caselog.api.errors import ApiError

M = TypeVar("M", bound=Model)


def cursor_id(cursor: str, *, salt: str) -> int:
    """The id a cursor of ours holds; anything else (tampered, another endpoint's) is a 400."""
    try:
        return int(signing.loads(cursor, salt=salt))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise ApiError(400, "bad_cursor", "This cursor is not valid.", {"cursor": ["not valid"]}) from error


def keyset_page(rows: QuerySet[M], *, limit: int, salt: str, out: Callable[[M], dict[str, Any]]) -> dict[str, Any]:
    """The first `limit` of the ordered `rows` as {"items", "next_cursor"}; the cursor is null on the last page."""
    page = list(rows[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [out(row) for row in page],
        "next_cursor": signing.dumps(page[-1].pk, salt=salt) if more else None,
    }
