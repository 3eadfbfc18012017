"""Snippets with the matched words in <mark>, built from escaped text only."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .analysis import AnalysedQuery, fold, stem, strip_accents

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_WORDS = 28
# A snippet window is looked for in the beginning of a long body only: every keystroke
# builds ten of them.
SNIPPET_SCAN_CHARS = 2000


@lru_cache(maxsize=65536)
def _word_forms(word: str, locale: str) -> tuple[str, str]:
    """(raw, stem) of a word as the index has it; cached: every keystroke builds ten
    snippets, mostly of words already seen."""
    folded = fold(word)
    return strip_accents(folded), stem(folded, locale)


def _matches(word: str, query: AnalysedQuery, locale: str) -> bool:
    raw, stemmed = _word_forms(word, locale)
    if query.prefix_raw and raw.startswith(query.prefix_raw):
        return True
    if query.locale != locale or not query.stems:
        return False
    return stemmed in query.stems


def highlight(text: str, query: AnalysedQuery, locale: str, *, max_words: int | None = SNIPPET_WORDS) -> SafeString:
    """The best window of `max_words` words (all words if None), matched words marked."""
    if max_words is not None:
        text = text[:SNIPPET_SCAN_CHARS]
    words = list(_WORD_RE.finditer(text))
    if not words:
        return mark_safe(escape(text[:200]))  # noqa: S308 - escaped just here
    seen: dict[str, bool] = {}
    hits = []
    for i, m in enumerate(words):
        word = m.group(0)
        matched = seen.get(word)
        if matched is None:
            matched = seen[word] = _matches(word, query, locale)
        if matched:
            hits.append(i)
    start_word, end_word = 0, len(words)
    if max_words is not None and len(words) > max_words:
        best, best_count = 0, -1
        for first in [0, *[max(0, h - 3) for h in hits[:64]]]:
            count = sum(1 for h in hits if first <= h < first + max_words)
            if count > best_count:
                best, best_count = first, count
        start_word, end_word = best, min(len(words), best + max_words)
    begin = words[start_word].start() if start_word > 0 else 0
    finish = words[end_word - 1].end() if end_word < len(words) else len(text)
    out: list[str] = ["… " if begin > 0 else ""]
    cursor = begin
    for index in hits:
        if start_word <= index < end_word:
            match = words[index]
            out.append(escape(text[cursor : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            cursor = match.end()
    out.append(escape(text[cursor:finish]))
    if finish < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
