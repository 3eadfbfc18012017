"""The store tests' cast and settings, for the store and account panels' actions in the console."""

from caselog.store.tests.conftest import (  # noqa: F401
    _commit_per_request,
    _fast_hasher,
    alice_billing,
    alice_dispute_case,
    alice_purchases,
)
