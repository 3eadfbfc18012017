"""The repair tests' cast, for the console's repair panel."""

from caselog.repairs.tests.conftest import alice_phone, moscow, phone_product, screen_repair  # noqa: F401
