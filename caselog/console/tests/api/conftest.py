"""The api tests' cast and settings, for the console's screen pop (rung through the telephony API)."""

from caselog.api.tests.conftest import (  # noqa: F401
    bob_token,
    counts_token,
    diagnostics_token,
    dora_token,
    read_token,
    receiver,
)
from caselog.devices.tests.conftest import (  # noqa: F401
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
    alice_iphone,
    charlie_megafon_iphone,
    iphone_15,
    iphone_line,
    megafon,
    paul_partner,
)
from caselog.repairs.tests.conftest import (  # noqa: F401
    alice_phone,
    berlin,
    moscow,
    phone_product,
    screen_repair,
    tess,
    tom,
)
