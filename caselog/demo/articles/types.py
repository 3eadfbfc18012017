from __future__ import annotations

from typing import TypedDict


class DemoArticle(TypedDict):
    id: str
    group: str
    topic: str
    en: tuple[str, str]
    de: tuple[str, str]
    ru: tuple[str, str]
