"""The devices tests' cast and settings, for the console's customer and device pages."""

from caselog.devices.tests.conftest import (  # noqa: F401
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
    alice,
    alice_iphone,
    bob,
    charlie_iphone,
    charlie_megafon_iphone,
    iphone_15,
    iphone_line,
    megafon,
    paul_partner,
)
