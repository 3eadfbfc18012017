"""The casts the benchmark tests share with the apps' own tests."""

from caselog.devices.tests.conftest import (  # noqa: F401  (the devices cast, as in the API tests)
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
    alice_iphone,
    iphone_15,
    iphone_line,
)
from caselog.mail.tests.conftest import ru_mailbox  # noqa: F401  (the mail cast)
