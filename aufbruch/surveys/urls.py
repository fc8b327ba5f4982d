from django.urls import path

from . import manage_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/thanks/", views.survey_thanks, name="thanks"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/results.csv", views.survey_results_csv, name="results_csv"),
    path("manage/", manage_views.manage_list, name="manage_list"),
    path("manage/<int:pk>/", manage_views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", manage_views.survey_edit, name="edit"),
    path("manage/<int:pk>/sections/", manage_views.section_add, name="section_add"),
    path("manage/<int:pk>/questions/", manage_views.question_add, name="question_add"),
    path(
        "manage/<int:pk>/questions/<int:question_pk>/delete/",
        manage_views.question_delete,
        name="question_delete",
    ),
    path("manage/<int:pk>/publish/", manage_views.survey_publish, name="publish"),
    path("manage/<int:pk>/close/", manage_views.survey_close, name="close"),
    path("manage/<int:pk>/tokens/", manage_views.tokens, name="tokens"),
    path("manage/<int:pk>/paper/", manage_views.paper_entry, name="paper_entry"),
    path(
        "manage/<int:pk>/answers/<int:answer_pk>/",
        manage_views.answer_moderate,
        name="answer_moderate",
    ),
]
