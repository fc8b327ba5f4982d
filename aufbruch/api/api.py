"""Open data: a read-only JSON API of public ideas, fields of action and
districts. It never contains personal data: no e-mail, no birth year, no
account data at all (not even display names), and no hidden ideas.

The interactive docs are a server-rendered page (``docs.py``) instead of
Swagger UI, which would load scripts from a third-party CDN."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Query

from . import schemas, selectors
from .agenda import router as agenda_router
from .docs import ServerRenderedDocs

api = NinjaAPI(
    title="Aufbruch Open Data API",
    version="1",
    description=(
        "Read-only open data of the participation platform: public ideas with their counts, "
        "fields of action and districts. Never contains personal data."
    ),
    urls_namespace="api",
    docs=ServerRenderedDocs(),
)

ERRORS = {404: schemas.NotFoundOut, 422: schemas.ValidationErrorOut}


@api.get(
    "/ideas",
    response={200: schemas.IdeaListOut, 422: schemas.ValidationErrorOut},
    summary="List public ideas",
    description="Public ideas, newest first unless sorted otherwise; filterable like the idea list on the website.",
    tags=["ideas"],
)
def list_ideas(request: HttpRequest, filters: Query[schemas.IdeaFilters]):
    return selectors.idea_list_page(filters)


@api.get(
    "/ideas/{idea_id}",
    response={200: schemas.IdeaOut, **ERRORS},
    summary="One public idea",
    tags=["ideas"],
)
def get_idea(request: HttpRequest, idea_id: schemas.IdeaId):
    idea = selectors.idea_public_detail(idea_id)
    if idea is None:
        return 404, {"detail": "Not found"}
    return 200, schemas.idea_out(idea)


@api.get(
    "/topics",
    response={200: list[schemas.TopicOut], 422: schemas.ValidationErrorOut},
    summary="Fields of action",
    tags=["reference data"],
)
def list_topics(request: HttpRequest):
    return selectors.topics()


@api.get(
    "/districts",
    response={200: list[schemas.DistrictOut], 422: schemas.ValidationErrorOut},
    summary="Districts",
    tags=["reference data"],
)
def list_districts(request: HttpRequest):
    return selectors.districts()


api.add_router("/agenda", agenda_router)
