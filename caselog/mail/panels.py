"""The email panel beside a case in the agent console: the mails the case came from, their
attachments, and a warning when mail to the customer bounces."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caselog.accounts.models import User
    from caselog.cases.models import Case


def mail_panel_context(agent: User, case: Case) -> dict[str, Any] | None:
    from caselog.mail.selectors import bounced_addresses_for_case, inbound_list_for_case

    mails = list(inbound_list_for_case(case=case)[:50])
    bounces = list(bounced_addresses_for_case(case=case))
    if not mails and not bounces:
        return None
    return {"mails": mails, "bounces": bounces}
