"""The community panel beside a case in the agent console: the thread a representative turned
into this case, so the link between the two runs both ways."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caselog.accounts.models import User
    from caselog.cases.models import Case


def community_panel_context(agent: User, case: Case) -> dict[str, Any] | None:
    from caselog.community.models import Thread

    threads = list(
        Thread.objects.filter(case=case, deleted_at__isnull=True).select_related("section").order_by("pk")[:5]
    )
    if not threads:
        return None
    return {"threads": threads}
