"""Which permissions each role carries. Applied by a data migration and by `seed_demo`."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from caselog.accounts.models import Role

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CUSTOMER: [],
    Role.AGENT: ["cases.work_case", "devices.manage_account_services"],
    Role.PARTNER_AGENT: ["cases.work_case"],
    Role.MANAGER: [
        "cases.work_case",
        "cases.manage_queues",
        "audit.view_auditevent",
        "knowledge.edit_article",
        "knowledge.view_article_stats",
        "devices.manage_account_services",
        "api.manage_apitoken",
        "sla.manage_sla",
        "repairs.work_repair",
        "repairs.view_repair_dashboard",
        "community.moderate",
    ],
    Role.TECHNICIAN: ["repairs.work_repair"],
    Role.MODERATOR: ["community.moderate"],
    Role.KB_EDITOR: ["knowledge.edit_article", "knowledge.view_article_stats"],
}


def roles_sync() -> None:
    """Create every role group and give it exactly its permissions (idempotent)."""
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        perms = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                perms.append(perm)
        group.permissions.set(perms)
