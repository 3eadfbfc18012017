"""python manage.py export_articles FILE.jsonl [--locale xx] [--product-group SLUG]"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from caselog.knowledge.importing import articles_export, articles_export_count


class Command(BaseCommand):
    help = "Write articles as JSON Lines in the import_articles format (published ones unless --all)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="Output file, or - for standard output")
        parser.add_argument("--locale", default="", help="Only this language (default: all)")
        parser.add_argument("--product-group", default="", help="Only this product group (slug)")
        parser.add_argument("--all", action="store_true", help="Include drafts, reviews and archived translations")

    def handle(self, *args: Any, **options: Any) -> None:
        locale = options["locale"]
        if locale and locale not in dict(settings.LANGUAGES):
            raise CommandError(f"unknown locale {locale!r}; use one of {', '.join(dict(settings.LANGUAGES))}")
        filters = {"locale": locale, "product_group": options["product_group"], "include_unpublished": options["all"]}
        total = articles_export_count(**filters)
        to_stdout = options["file"] == "-"
        quiet = options["verbosity"] == 0 or to_stdout
        out = self.stdout if to_stdout else open(options["file"], "w", encoding="utf-8")  # noqa: SIM115
        try:
            with tqdm(total=total, desc="export", unit=" articles", disable=quiet, file=sys.stderr) as bar:
                for _ in articles_export(out, **filters):
                    bar.update(1)
        finally:
            if not to_stdout:
                out.close()
        if not to_stdout:
            self.stdout.write(self.style.SUCCESS(f"{total} article(s) written to {options['file']}"))
