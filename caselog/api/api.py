"""The REST API: one NinjaAPI; each app contributes a Router from its own `api.py`."""

from __future__ import annotations

from ninja import NinjaAPI

from caselog.api.errors import install
from caselog.api.webhooks_api import router as webhooks_router
from caselog.cases.api import customers_router
from caselog.cases.api import router as cases_router
from caselog.cases.telephony import router as telephony_router
from caselog.devices.api import router as devices_router
from caselog.knowledge.api import router as articles_router
from caselog.repairs.api import router as repairs_router

api = NinjaAPI(
    title="Caselog API",
    version="1",
    description="Token-authenticated API for integrations. Send `Authorization: Bearer <token>`; "
    'every 4xx answers `{"error": {"code", "message", "fields"}}`.',
    urls_namespace="api",
    docs_url="/docs",
)
install(api)

api.add_router("/", devices_router)
api.add_router("/", cases_router)
api.add_router("/", articles_router)
api.add_router("/", telephony_router)
api.add_router("/", webhooks_router)
api.add_router("/", customers_router)
api.add_router("/", repairs_router)
