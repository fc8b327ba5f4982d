from django.urls import path

from . import views
from .feeds import ChangesFeed

app_name = "agenda"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/", views.paragraph_detail, name="paragraph"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/comment/", views.comment_create, name="comment"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/amend/", views.amendment_propose, name="propose"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/compare/", views.version_compare, name="compare"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path("<int:pk>/results.pdf", views.results_pdf, name="results_pdf"),
    path("<int:pk>/feed/", ChangesFeed(), name="feed"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment"),
    path("amendments/<int:pk>/comment/", views.amendment_comment, name="amendment_comment"),
    path("amendments/<int:pk>/support/", views.amendment_support, name="support"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("sections/<int:pk>/vote/", views.section_vote, name="vote"),
]
