"""Open data: a read-only JSON API of everything public on the platform —
ideas with their status history and official answers, committee sessions and
decisions, projects and their updates, events, the boards' published
recommendations with the administration's answers, published survey results,
opinion maps at group level and the assumptions with their reviews. It never
contains personal data (no names, e-mail addresses, birth years), no hidden
content and nothing staff-only.

The interactive docs are a server-rendered page (``docs.py``) instead of
Swagger UI, which would load scripts from a third-party CDN. Conditional GET,
CORS and the licence header are added around every view (``http.py``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Query

from . import schemas as s
from . import selectors
from .agenda import router as agenda_router
from .docs import ServerRenderedDocs

api = NinjaAPI(
    title="Aufbruch Open Data API",
    version="1",
    description=(
        "Offene Daten der Beteiligungsplattform, nur lesend: Ideen mit Statusverlauf und Stellungnahmen, "
        "Ausschusssitzungen und Beschlüsse, Projekte und ihre Berichte, Veranstaltungen, Empfehlungen der "
        "Beiräte mit den Antworten der Verwaltung, veröffentlichte Umfrageergebnisse, Meinungslandkarten "
        "auf Gruppenebene und die Annahmen mit ihren Überprüfungen. Keine personenbezogenen Daten. "
        "Lizenz: siehe Feld „license“ und den Link-Header (rel=license)."
    ),
    urls_namespace="api",
    docs=ServerRenderedDocs(),
)

ERRORS = {404: s.NotFoundOut, 422: s.ValidationErrorOut}
LIST_ERRORS = {422: s.ValidationErrorOut}
NOT_FOUND = {"detail": "Nicht gefunden"}


def _detail(data):
    return (404, NOT_FOUND) if data is None else (200, data)


# --- ideas ----------------------------------------------------------------------------------


@api.get(
    "/ideas",
    response={200: s.IdeaListOut, **LIST_ERRORS},
    summary="Öffentliche Ideen",
    description="Neueste zuerst, wenn nicht anders sortiert; filterbar wie die Ideenliste der Website.",
    tags=["Ideen"],
)
def list_ideas(request: HttpRequest, filters: Query[s.IdeaFilters]):
    return selectors.idea_list_page(filters)


@api.get(
    "/ideas/{idea_id}",
    response={200: s.IdeaDetailOut, **ERRORS},
    summary="Eine Idee mit Statusverlauf und Stellungnahmen",
    tags=["Ideen"],
)
def get_idea(request: HttpRequest, idea_id: s.IdeaId):
    return _detail(selectors.idea_public_detail(idea_id))


@api.get(
    "/topics",
    response={200: list[s.TopicOut], **LIST_ERRORS},
    summary="Handlungsfelder",
    tags=["Stammdaten"],
)
def list_topics(request: HttpRequest):
    return selectors.topics()


@api.get(
    "/districts",
    response={200: list[s.DistrictOut], **LIST_ERRORS},
    summary="Stadtteile",
    tags=["Stammdaten"],
)
def list_districts(request: HttpRequest):
    return selectors.districts()


api.add_router("/agenda", agenda_router)
# --- committee ------------------------------------------------------------------------------


@api.get(
    "/committee-sessions",
    response={200: s.SessionListOut, **LIST_ERRORS},
    summary="Ausschusssitzungen",
    description="Neueste zuerst. Beschlüsse erscheinen, sobald sie für die ganze Sitzung erfasst sind.",
    tags=["Ausschuss"],
)
def list_sessions(request: HttpRequest, filters: Query[s.SessionFilters]):
    return selectors.session_list_page(filters)


@api.get(
    "/committee-sessions/{session_id}",
    response={200: s.SessionDetailOut, **ERRORS},
    summary="Eine Ausschusssitzung mit Tagesordnung und Beschlüssen",
    tags=["Ausschuss"],
)
def get_session(request: HttpRequest, session_id: s.object_id("der Sitzung")):
    return _detail(selectors.session_detail(session_id))


@api.get(
    "/decisions",
    response={200: s.DecisionListOut, **LIST_ERRORS},
    summary="Beschlüsse des Ausschusses zu Ideen",
    description="Ein Eintrag je Idee und Sitzung, neueste Sitzung zuerst.",
    tags=["Ausschuss"],
)
def list_decisions(request: HttpRequest, filters: Query[s.DecisionFilters]):
    return selectors.decision_list_page(filters)


# --- projects -------------------------------------------------------------------------------


@api.get(
    "/projects",
    response={200: s.ProjectListOut, **LIST_ERRORS},
    summary="Projekte und Reallabore",
    description="Aus beschlossenen Ideen entstandene Projekte mit Fortschritt und Budget.",
    tags=["Projekte"],
)
def list_projects(request: HttpRequest, filters: Query[s.ProjectFilters]):
    return selectors.project_list_page(filters)


@api.get(
    "/projects/{project_id}",
    response={200: s.ProjectDetailOut, **ERRORS},
    summary="Ein Projekt mit Meilensteinen und Berichten",
    tags=["Projekte"],
)
def get_project(request: HttpRequest, project_id: s.object_id("des Projekts")):
    return _detail(selectors.project_detail(project_id))


@api.get(
    "/project-updates",
    response={200: s.ProjectUpdateListOut, **LIST_ERRORS},
    summary="Berichte aus den Projekten",
    description="Neueste zuerst.",
    tags=["Projekte"],
)
def list_project_updates(request: HttpRequest, filters: Query[s.UpdateFilters]):
    return selectors.update_list_page(filters)


# --- events ---------------------------------------------------------------------------------


@api.get(
    "/events",
    response={200: s.EventListOut, **LIST_ERRORS},
    summary="Veranstaltungen",
    description="Nur veröffentlichte Veranstaltungen und ihre öffentlichen Angaben; keine Anmeldungen.",
    tags=["Veranstaltungen"],
)
def list_events(request: HttpRequest, filters: Query[s.EventFilters]):
    return selectors.event_list_page(filters)


@api.get(
    "/events/{event_id}",
    response={200: s.EventOut, **ERRORS},
    summary="Eine Veranstaltung",
    tags=["Veranstaltungen"],
)
def get_event(request: HttpRequest, event_id: s.object_id("der Veranstaltung")):
    return _detail(selectors.event_detail(event_id))


# --- boards ---------------------------------------------------------------------------------


@api.get(
    "/recommendations",
    response={200: s.RecommendationListOut, **LIST_ERRORS},
    summary="Veröffentlichte Empfehlungen der Beiräte",
    description="Mit Abstimmungsergebnis und den Antworten der Verwaltung; Entwürfe erscheinen nie.",
    tags=["Beiräte"],
)
def list_recommendations(request: HttpRequest, filters: Query[s.BoardFilters]):
    return selectors.recommendation_list_page(filters)


@api.get(
    "/recommendations/{recommendation_id}",
    response={200: s.RecommendationOut, **ERRORS},
    summary="Eine Empfehlung mit den Antworten der Verwaltung",
    tags=["Beiräte"],
)
def get_recommendation(request: HttpRequest, recommendation_id: s.object_id("der Empfehlung")):
    return _detail(selectors.recommendation_detail(recommendation_id))


# --- surveys --------------------------------------------------------------------------------


@api.get(
    "/surveys",
    response={200: s.SurveyListOut, **LIST_ERRORS},
    summary="Veröffentlichte Umfrageergebnisse",
    description=(
        "Nur Umfragen, deren Ergebnisse öffentlich sind. Auswertungen nach Alter und Stadtteil zeigen "
        "keine Gruppe mit weniger Antworten als small_group_threshold; Freitexte erscheinen nie."
    ),
    tags=["Umfragen"],
)
def list_surveys(request: HttpRequest, params: Query[s.PageParams]):
    return selectors.survey_list_page(params)


@api.get(
    "/surveys/{survey_id}",
    response={200: s.SurveyResultOut, **ERRORS},
    summary="Ergebnisse einer Umfrage",
    tags=["Umfragen"],
)
def get_survey(request: HttpRequest, survey_id: s.object_id("der Umfrage")):
    return _detail(selectors.survey_detail(survey_id))


# --- opinion maps ---------------------------------------------------------------------------


@api.get(
    "/opinion-maps",
    response={200: s.OpinionMapListOut, **LIST_ERRORS},
    summary="Meinungslandkarten",
    tags=["Meinungslandkarten"],
)
def list_opinion_maps(request: HttpRequest, params: Query[s.PageParams]):
    return selectors.opinion_map_list_page(params)


@api.get(
    "/opinion-maps/{map_id}",
    response={200: s.OpinionMapDetailOut, **ERRORS},
    summary="Eine Meinungslandkarte mit Aussagen und Ergebnissen je Gruppe",
    description="Nie die Stimmen oder die Position einzelner Teilnehmender; kleine Gruppen ohne Werte.",
    tags=["Meinungslandkarten"],
)
def get_opinion_map(request: HttpRequest, map_id: s.object_id("der Meinungslandkarte")):
    return _detail(selectors.opinion_map_detail(map_id))


# --- assumptions ----------------------------------------------------------------------------


@api.get(
    "/assumptions",
    response={200: s.AssumptionListOut, **LIST_ERRORS},
    summary="Annahmen der Stadt mit ihren Überprüfungen",
    tags=["Annahmen"],
)
def list_assumptions(request: HttpRequest, filters: Query[s.AssumptionFilters]):
    return selectors.assumption_list_page(filters)


@api.get(
    "/assumptions/{assumption_id}",
    response={200: s.AssumptionOut, **ERRORS},
    summary="Eine Annahme mit ihren Überprüfungen",
    tags=["Annahmen"],
)
def get_assumption(request: HttpRequest, assumption_id: s.object_id("der Annahme")):
    return _detail(selectors.assumption_detail(assumption_id))
