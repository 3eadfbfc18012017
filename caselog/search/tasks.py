"""Background work of the search app (django-tasks, database backend, queue "search")."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="search")
def documents_embed_task(document_ids: list[int]) -> int:
    """Compute the vectors of these documents; idempotent (skips unchanged text)."""
    from .services import documents_embed

    return documents_embed(ids=document_ids)
