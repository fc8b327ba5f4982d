"""Mounted at the site root: the public pages under /surveys/, the staff
pages under /staff/surveys/ (behind the staff area's second factor), one
namespace so the URL names stay the same. The former /surveys/manage/ and
results.csv addresses answer with a permanent redirect (staff have bookmarks)."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import manage_views, views

app_name = "surveys"
public_urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/thanks/", views.survey_thanks, name="thanks"),
    path("<int:pk>/results/", views.survey_results, name="results"),
]
staff_urlpatterns = [
    path("", manage_views.manage_list, name="manage_list"),
    path("<int:pk>/", manage_views.manage_detail, name="manage_detail"),
    path("<int:pk>/edit/", manage_views.survey_edit, name="edit"),
    path("<int:pk>/sections/", manage_views.section_add, name="section_add"),
    path("<int:pk>/questions/", manage_views.question_add, name="question_add"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        manage_views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/publish/", manage_views.survey_publish, name="publish"),
    path("<int:pk>/close/", manage_views.survey_close, name="close"),
    path("<int:pk>/tokens/", manage_views.tokens, name="tokens"),
    path("<int:pk>/paper/", manage_views.paper_entry, name="paper_entry"),
    path(
        "<int:pk>/answers/<int:answer_pk>/",
        manage_views.answer_moderate,
        name="answer_moderate",
    ),
    path("<int:pk>/results.csv", views.survey_results_csv, name="results_csv"),
]
urlpatterns = [
    path("surveys/", include(public_urlpatterns)),
    path("staff/surveys/", include(staff_urlpatterns)),
    re_path(
        r"^surveys/manage/(?P<rest>.*)$",
        RedirectView.as_view(url="/staff/surveys/%(rest)s", permanent=True, query_string=True),
    ),
    path(
        "surveys/<int:pk>/results.csv",
        RedirectView.as_view(pattern_name="surveys:results_csv", permanent=True, query_string=True),
    ),
]
