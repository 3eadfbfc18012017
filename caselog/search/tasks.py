"""Background work of the search app (django-tasks, database backend, queue "search")."""

from __future__ import annotations

from django_tasks import task

SEARCH_QUEUE = "search"


@task(queue_name=SEARCH_QUEUE)
def documents_embed_task(document_ids: list[int]) -> int:
    """Compute the vectors of these documents; idempotent (skips unchanged text)."""
    from .services import documents_embed

    return documents_embed(ids=document_ids)
