"""Text analysis shared by indexing and querying: normalisation, tokens, stop words,
Snowball stemming per language and query-language detection.

SQLite has no Russian or German stemmer, so the stems are computed here and stored in the
FTS5 table; the same functions analyse the query, which keeps both sides identical.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

SUPPORTED_LOCALES = ("en", "de", "ru")
STEMMER_LANGUAGES = {"en": "english", "de": "german", "ru": "russian"}

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_GERMAN_LETTERS_RE = re.compile(r"[äöüß]", re.IGNORECASE)

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "a",
            "about",
            "after",
            "again",
            "all",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "few",
            "for",
            "from",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "him",
            "his",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "me",
            "more",
            "most",
            "my",
            "no",
            "nor",
            "not",
            "of",
            "off",
            "on",
            "once",
            "only",
            "or",
            "other",
            "our",
            "ours",
            "out",
            "over",
            "own",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "im",
            "ive",
            "dont",
            "cant",
        ]
    ),
    "de": frozenset(
        [
            "aber",
            "alle",
            "allem",
            "allen",
            "aller",
            "alles",
            "als",
            "also",
            "am",
            "an",
            "ander",
            "andere",
            "anderem",
            "anderen",
            "anderer",
            "anderes",
            "auch",
            "auf",
            "aus",
            "bei",
            "bin",
            "bis",
            "bist",
            "da",
            "damit",
            "dann",
            "das",
            "dass",
            "dein",
            "deine",
            "dem",
            "den",
            "der",
            "des",
            "dich",
            "die",
            "dies",
            "diese",
            "diesem",
            "diesen",
            "dieser",
            "dieses",
            "dir",
            "doch",
            "dort",
            "du",
            "durch",
            "ein",
            "eine",
            "einem",
            "einen",
            "einer",
            "eines",
            "er",
            "es",
            "etwas",
            "euch",
            "euer",
            "für",
            "hab",
            "habe",
            "haben",
            "hat",
            "hatte",
            "hier",
            "hin",
            "ich",
            "ihm",
            "ihn",
            "ihr",
            "ihre",
            "im",
            "in",
            "ist",
            "ja",
            "jede",
            "jedem",
            "jeden",
            "jeder",
            "jedes",
            "kann",
            "kein",
            "keine",
            "keinem",
            "keinen",
            "können",
            "man",
            "mein",
            "meine",
            "meinem",
            "meinen",
            "meiner",
            "mich",
            "mir",
            "mit",
            "muss",
            "nach",
            "nicht",
            "nichts",
            "noch",
            "nun",
            "nur",
            "ob",
            "oder",
            "ohne",
            "sehr",
            "sein",
            "seine",
            "sich",
            "sie",
            "sind",
            "so",
            "soll",
            "sondern",
            "über",
            "um",
            "und",
            "uns",
            "unser",
            "unter",
            "viel",
            "vom",
            "von",
            "vor",
            "war",
            "waren",
            "was",
            "weil",
            "wenn",
            "wer",
            "wie",
            "wieder",
            "will",
            "wir",
            "wird",
            "wo",
            "zu",
            "zum",
            "zur",
            "geht",
            "gibt",
            "wieso",
            "warum",
        ]
    ),
    "ru": frozenset(
        [
            "а",
            "без",
            "более",
            "бы",
            "был",
            "была",
            "были",
            "было",
            "быть",
            "в",
            "вам",
            "вас",
            "весь",
            "во",
            "вот",
            "все",
            "всего",
            "всех",
            "вы",
            "где",
            "да",
            "даже",
            "для",
            "до",
            "его",
            "ее",
            "если",
            "есть",
            "еще",
            "же",
            "за",
            "здесь",
            "и",
            "из",
            "или",
            "им",
            "их",
            "к",
            "как",
            "ко",
            "когда",
            "кто",
            "ли",
            "либо",
            "мне",
            "может",
            "мой",
            "мы",
            "на",
            "над",
            "надо",
            "наш",
            "не",
            "него",
            "нее",
            "нет",
            "ни",
            "них",
            "но",
            "ну",
            "о",
            "об",
            "однако",
            "он",
            "она",
            "они",
            "оно",
            "от",
            "очень",
            "по",
            "под",
            "при",
            "с",
            "со",
            "так",
            "также",
            "такой",
            "там",
            "те",
            "тем",
            "то",
            "того",
            "тоже",
            "той",
            "только",
            "том",
            "ты",
            "у",
            "уже",
            "хотя",
            "чего",
            "чей",
            "чем",
            "что",
            "чтобы",
            "чье",
            "чья",
            "эта",
            "эти",
            "это",
            "я",
            "мой",
            "моя",
            "мои",
            "меня",
            "можно",
            "нужно",
            "как",
        ]
    ),
}
_GERMAN_HINTS = STOP_WORDS["de"] - STOP_WORDS["en"] - {"in", "an", "so", "man", "will", "was", "war", "hat"}
_ENGLISH_HINTS = STOP_WORDS["en"] - STOP_WORDS["de"]

_stemmer_local = threading.local()


def _stemmer(locale: str) -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe: one per thread and language.
    cache_ = getattr(_stemmer_local, "stemmers", None)
    if cache_ is None:
        cache_ = _stemmer_local.stemmers = {}
    stemmer = cache_.get(locale)
    if stemmer is None:
        stemmer = cache_[locale] = Stemmer.Stemmer(STEMMER_LANGUAGES.get(locale, "english"))
    return stemmer


def strip_accents(text: str) -> str:
    """Drop diacritics from Latin letters but keep Russian й (и + breve) intact."""
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            if char == "\u0306" and out and out[-1] in "иИ":
                out[-1] = "й" if out[-1] == "и" else "Й"
            continue
        out.append(char)
    return "".join(out)


def fold(text: str) -> str:
    """Case-fold, ё->е, ß->ss: applied before stemming so the stemmers see plain words."""
    return text.lower().replace("ё", "е").replace("ß", "ss")


def normalise(text: str) -> str:
    """The canonical form used for raw (unstemmed) tokens and for logging queries."""
    return " ".join(strip_accents(token) for token in _TOKEN_RE.findall(fold(text)))


def tokens(text: str) -> list[str]:
    """Folded word tokens, accents still on (the German stemmer wants its umlauts)."""
    return _TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(word: str, locale: str) -> str:
    # Cached: snippets stem every word of every shown body.
    return strip_accents(_stemmer(locale).stemWord(word))


def stems(words: list[str], locale: str) -> list[str]:
    return [strip_accents(s) for s in _stemmer(locale).stemWords(words)]


@cache
def _stop_words_folded(locale: str) -> frozenset[str]:
    return frozenset(fold(word) for word in STOP_WORDS.get(locale, frozenset()))


def is_stop_word(word: str, locale: str) -> bool:
    return word in _stop_words_folded(locale)


@dataclass(frozen=True)
class AnalysedText:
    """Index form of a text: stems for matching, raw normalised tokens for prefixes."""

    stemmed: str
    raw: str


def analyse_document_text(text: str, locale: str) -> AnalysedText:
    words = tokens(text)
    return AnalysedText(stemmed=" ".join(stems(words, locale)), raw=" ".join(strip_accents(w) for w in words))


@dataclass(frozen=True)
class AnalysedQuery:
    """What the lexical backends need: complete-word stems and the word still being typed."""

    locale: str
    stems: tuple[str, ...]
    prefix_raw: str
    prefix_stem: str
    words_raw: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.stems and not self.prefix_raw


MIN_PREFIX_CHARS = 2


def analyse_query(text: str, locale: str) -> AnalysedQuery:
    """Stop words are dropped; the last word is a prefix unless the text ends in a space
    or punctuation (the user finished it)."""
    words = tokens(text)
    still_typing = bool(words) and bool(text) and text[-1].isalnum()
    complete = words[:-1] if still_typing else words
    partial = words[-1] if still_typing else ""
    kept = [w for w in complete if not is_stop_word(w, locale)]
    stemmed = tuple(dict.fromkeys(s for s in stems(kept, locale) if s))
    prefix_raw = strip_accents(partial) if len(partial) >= MIN_PREFIX_CHARS else ""
    if prefix_raw and is_stop_word(partial, locale) and stemmed:
        prefix_raw = ""
    prefix_stem = stem(partial, locale) if prefix_raw else ""
    return AnalysedQuery(
        locale=locale,
        stems=stemmed,
        prefix_raw=prefix_raw,
        prefix_stem=prefix_stem,
        words_raw=tuple(strip_accents(w) for w in words),
    )


def detect_language(text: str, *, hint: str) -> str:
    """Cyrillic script means Russian; Latin text is German when it has umlauts/ß or more
    German than English function words, English when the reverse; otherwise the hint
    (the locale the caller asked for) decides between the Latin-script languages."""
    cyrillic = len(_CYRILLIC_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if cyrillic > latin:
        return "ru"
    if latin == 0:
        return hint if hint in SUPPORTED_LOCALES else "en"
    words = tokens(text)
    german = sum(1 for w in words if w in _GERMAN_HINTS)
    english = sum(1 for w in words if w in _ENGLISH_HINTS)
    if _GERMAN_LETTERS_RE.search(text):
        german += 2
    if german > english:
        return "de"
    if english > german:
        return "en"
    return hint if hint in ("en", "de") else "en"
