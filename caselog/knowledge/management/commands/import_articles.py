"""python manage.py import_articles FILE.jsonl --locale xx [--product-group NAME]"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from caselog.knowledge.importing import (
    MAX_REPORTED_ERRORS,
    ImportContext,
    articles_import,
    import_context_check,
    import_file_check,
    import_rows,
)


class Command(BaseCommand):
    help = (
        "Create or update published articles from a JSON Lines file, one "
        '{"id", "title", "body"} object per line (optional "topic", "product_group", "locale"). '
        "Idempotent by id. The whole file is checked first: on any error nothing is written."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--locale", required=True, help="Language of the articles (en, de, ru)")
        parser.add_argument("--product-group", default="", help="Product group slug or name for lines without one")
        parser.add_argument("--no-index", action="store_true", help="Do not queue search-index updates")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        locale, group = options["locale"], options["product_group"]
        errors = import_context_check(locale=locale, product_group=group)
        if errors:
            raise CommandError("; ".join(errors))
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        context = ImportContext(locale=locale, product_group=group)
        quiet = options["verbosity"] == 0
        started = time.monotonic()
        with path.open(encoding="utf-8", errors="strict") as lines:
            try:
                total, errors = import_file_check(
                    tqdm(lines, desc="check", unit=" lines", disable=quiet, file=sys.stderr), context
                )
            except UnicodeDecodeError as error:
                raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        if errors:
            shown = "\n".join(errors[:MAX_REPORTED_ERRORS])
            more = f"\n… and {len(errors) - MAX_REPORTED_ERRORS} more" if len(errors) > MAX_REPORTED_ERRORS else ""
            raise CommandError(f"{len(errors)} error(s) in {path}; nothing was imported:\n{shown}{more}")
        with (
            path.open(encoding="utf-8") as lines,
            tqdm(total=total, desc="import", unit=" articles", disable=quiet, file=sys.stderr) as bar,
        ):
            result = articles_import(import_rows(lines, context), index=not options["no_index"], progress=bar.update)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged in {elapsed:.1f} s"
            )
        )
