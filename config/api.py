"""The API for ministry systems: /api/v1/, described at /api/v1/schema/.

Each app adds its router here (``api.add_router("/credentials/", router)``).
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Jisr Academy API",
    version="1.0.0",
    description="Certificate verification and credential checks for partner systems.",
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url="/docs/",
)

from certificates.credentials.api import router as credentials_router  # noqa: E402

api.add_router("/credentials/", credentials_router)
