"""The demo's customers, once: every seed (cases, devices, store, community) takes their names
and phone numbers from here, so the README, the console look-up's own example
(+7 916 123-45-67) and every page agree on who they are."""

from __future__ import annotations

from caselog.accounts.models import User

# email, first name, last name, language, phone
CUSTOMERS: list[tuple[str, str, str, str, str]] = [
    ("anna@example.com", "Анна", "Иванова", "ru", "+7 916 123-45-67"),
    ("lukas@example.com", "Lukas", "Becker", "de", "+49 30 901820"),
    ("emma@example.com", "Emma", "Brown", "en", "+1 415 555 0134"),
    ("ivan@example.com", "Иван", "Петров", "ru", "8 (903) 765-43-21"),
    ("helen@example.com", "Helen", "Carter", "en", "+44 20 7946 0321"),
]
PHONES = {email: phone for email, _first, _last, _locale, phone in CUSTOMERS}


def customer_details_complete(user: User) -> bool:
    """Give a demo customer the phone number the demo promises, if they have none (an older demo
    database made them without one). Returns whether anything changed."""
    phone = PHONES.get(user.email, "")
    if not phone or user.phone:
        return False
    user.phone = phone
    user.save(update_fields=["phone"])
    return True
