from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from caselog.api.services import api_token_create
from caselog.api.webhooks import SIGNATURE_HEADER, signature_verify
from caselog.devices.tests.conftest import (  # noqa: F401  (the devices cast)
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
from caselog.repairs.tests.conftest import (  # noqa: F401  (the repair cast)
    alice_phone,
    berlin,
    moscow,
    phone_product,
    screen_repair,
    tess,
    tom,
)


@pytest.fixture
def diagnostics_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Diagnostics tool", scopes=["devices:diagnostics"])[1]


@pytest.fixture
def counts_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Sync service", scopes=["accounts:content-counts"])[1]


@pytest.fixture
def read_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Carrier portal", scopes=["devices:read"])[1]


def token_for(owner: Any, *scopes: str) -> str:
    """A live token acting as `owner` (tokens are made by managers; the owner is who it acts as)."""
    from caselog.api.models import ApiToken
    from caselog.api.services import TOKEN_PREFIX, token_hash

    # Short whatever the scopes: a real token is ~46 characters and longer ones are refused.
    raw = f"{TOKEN_PREFIX}test-{owner.pk}-{hashlib.sha256(' '.join(sorted(scopes)).encode()).hexdigest()[:16]}"
    ApiToken.objects.create(name="Test", owner=owner, scopes=list(scopes), prefix=raw[:10], token_hash=token_hash(raw))
    return raw


@pytest.fixture
def bob_token(bob: Any) -> str:
    return token_for(bob, "cases:read", "cases:write")


@pytest.fixture
def dora_token(dora: Any) -> str:
    return token_for(dora, "cases:read", "cases:write")


class Receiver:
    """A small integrator: answers with the next status in `statuses` (the last one repeats;
    a redirect points at `location`) and records what arrived, with whether the signature checked out."""

    def __init__(self) -> None:
        self.secret = ""
        self.statuses = [200]
        self.location = ""  # sent as Location with a redirect status
        self.received: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                header = self.headers.get(SIGNATURE_HEADER, "")
                receiver.received.append(
                    {
                        "event": self.headers.get("Caselog-Event"),
                        "signed": signature_verify(secret=receiver.secret, body=body, header=header),
                        "json": json.loads(body),
                    }
                )
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                if receiver.location and 300 <= status < 400:
                    self.send_header("Location", receiver.location)
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"receiver is down")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/caselog"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def signed_events(self) -> list[str]:
        return [item["event"] for item in self.received if item["signed"]]


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    # The receiver listens on 127.0.0.1, which webhooks may not reach unless this is on.
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()
