from ninja import NinjaAPI

api = NinjaAPI(
    title="Aufbruch Open Data API",
    version="1",
    description="Read-only open data of the participation platform. Never contains personal data.",
    urls_namespace="api",
)
