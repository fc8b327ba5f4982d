from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from aufbruch.core import views as core_views

urlpatterns = [
    path("", include("aufbruch.site.urls")),
    path("health/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("aufbruch.pages.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("aufbruch.accounts.urls")),
    path("ideas/", include("aufbruch.ideas.urls")),
    path("comments/", include("aufbruch.comments.urls")),
    path("notifications/", include("aufbruch.notifications.urls")),
    path("moderation/", include("aufbruch.moderation.urls")),
    path("staff/moderation/", include("aufbruch.moderation.staff_urls")),
    path("staff/committees/", include("aufbruch.committees.urls")),
    path("staff/figures/", include("aufbruch.figures.staff_urls")),
    path("staff/opinions/", include("aufbruch.opinions.staff_urls")),
    path("staff/dashboards/", include("aufbruch.dashboards.urls")),
    path("staff/boards/", include("aufbruch.boards.staff_urls")),
    path("staff/agenda/", include("aufbruch.agenda.staff_urls")),
    path("staff/pages/", include("aufbruch.pages.staff_urls")),
    path("staff/projects/", include("aufbruch.projects.staff_urls")),
    path("staff/", include("aufbruch.guides.urls")),
    path("boards/", include("aufbruch.boards.urls")),
    path("", include("aufbruch.meetings.urls")),  # /events/ and /staff/events/
    path("", include("aufbruch.surveys.urls")),  # /surveys/ and /staff/surveys/
    path("opinions/", include("aufbruch.opinions.urls")),
    path("", include("aufbruch.assumptions.urls")),  # /assumptions/, /staff/assumptions/
    path("figures/", include("aufbruch.figures.urls")),
    path("committees/", include("aufbruch.committees.public_urls")),
    path("agenda/", include("aufbruch.agenda.urls")),
    path("projects/", include("aufbruch.projects.urls")),
    path("", include("aufbruch.opendata.urls")),  # /open-data/ and /feeds/
    path("api/v1/", include("aufbruch.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", core_views.public_media, name="media")]

handler400 = "aufbruch.core.views.bad_request"
handler404 = "aufbruch.core.views.not_found"
handler403 = "aufbruch.core.views.forbidden"
handler500 = "aufbruch.core.views.server_error"
