"""The one suggestion query: what every suggestion front door (console, contact form, help
center, community, API, benchmarks) builds from its request before it asks for suggestions."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from .analysis import SUPPORTED_LOCALES
from .forms import MAX_LIMIT, MAX_QUERY_INPUT_CHARS, SuggestForm
from .models import DocumentKind

DEFAULT_LIMIT = 8
TRUE_VALUES = frozenset({"1", "true", "t", "on", "yes", "y"})
FALSE_VALUES = frozenset({"0", "false", "f", "off", "no", "n"})


class SuggestionQueryError(ValueError):
    """A strict front door (the API, the help-center box) got input it must refuse."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(" ".join(message for messages in fields.values() for message in messages))
        self.fields = fields


class _Unset:
    pass


UNSET: Any = _Unset()


@dataclass(frozen=True)
class SuggestionQuery:
    """What to suggest: refine=False is the per-keystroke answer, refine=True the stronger
    one once typing pauses (and the one whose misses are logged as gaps). `keys` restricts
    the answer to those documents (re-ranking a given candidate list, the benchmarks)."""

    text: str
    locale: str
    product_group: str | None = None
    kind: str = DocumentKind.ARTICLE
    limit: int = DEFAULT_LIMIT
    refine: bool = True
    keys: frozenset[str] | None = None

    def replace(self, **changes: Any) -> SuggestionQuery:
        return dataclasses.replace(self, **changes)


def request_locale() -> str:
    """The language of the current request when the search supports it, else English."""
    language = (get_language() or "en")[:2]
    return language if language in SUPPORTED_LOCALES else "en"


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    value = value.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    return default


def suggestion_query_from(
    data: Mapping[str, Any],
    *,
    text_fields: Sequence[str] = ("q",),
    max_chars: int = MAX_QUERY_INPUT_CHARS,
    strict: bool = False,
    locale: str | None = UNSET,
    product_group: str | None = UNSET,
    kind: str = UNSET,
    limit: int = UNSET,
    refine: bool = UNSET,
    refine_default: bool = False,
    keys: Collection[str] | None = None,
) -> SuggestionQuery:
    """The one constructor of a SuggestionQuery from a request's GET (a QueryDict) or any
    mapping. The text is the `text_fields` joined; a keyword given here is fixed by the caller
    and not read from `data`. strict=True refuses bad input (SuggestionQueryError, for the API
    and the help-center box); otherwise bad input falls back to the defaults, so a console or
    contact form never fails while someone types."""
    text = " ".join(str(data.get(name) or "") for name in text_fields)
    if strict:
        query = _strict(data, text, locale=locale, product_group=product_group, kind=kind, limit=limit)
        return query.replace(refine=_flag(data.get("refine"), refine_default) if refine is UNSET else refine)
    text = text.replace("\x00", "")[:max_chars]
    if locale is UNSET:
        locale = str(data.get("locale") or "")
    if locale not in SUPPORTED_LOCALES:
        locale = request_locale()
    if product_group is UNSET:
        product_group = _slug_or_none(data.get("product_group"))
    if kind is UNSET:
        kind = str(data.get("kind") or DocumentKind.ARTICLE)
        if kind not in DocumentKind.values:
            kind = DocumentKind.ARTICLE
    if limit is UNSET:
        raw = str(data.get("limit") or "")
        limit = int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_LIMIT else DEFAULT_LIMIT
    if refine is UNSET:
        refine = _flag(data.get("refine"), refine_default)
    return SuggestionQuery(
        text=text,
        locale=str(locale),
        product_group=product_group,
        kind=kind,
        limit=limit,
        refine=refine,
        keys=frozenset(keys) if keys is not None else None,
    )


def _slug_or_none(value: Any) -> str | None:
    try:
        return SuggestForm.base_fields["product_group"].clean(str(value or "")) or None
    except ValidationError:
        return None


def _strict(
    data: Mapping[str, Any], text: str, *, locale: Any, product_group: Any, kind: Any, limit: Any
) -> SuggestionQuery:
    values = {name: data.get(name) for name in ("locale", "product_group", "kind", "limit")}
    values["q"] = text
    if locale is not UNSET:
        values["locale"] = locale
    if not values["locale"]:
        values["locale"] = request_locale()
    form = SuggestForm(values)
    if not form.is_valid():
        raise SuggestionQueryError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    cleaned = form.cleaned_data
    return SuggestionQuery(
        text=cleaned["q"],
        locale=cleaned["locale"],
        product_group=(cleaned["product_group"] or None) if product_group is UNSET else product_group,
        kind=(cleaned["kind"] or DocumentKind.ARTICLE) if kind is UNSET else kind,
        limit=(cleaned["limit"] or DEFAULT_LIMIT) if limit is UNSET else limit,
    )
