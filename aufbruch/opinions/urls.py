from django.urls import path

from . import views

app_name = "opinions"
urlpatterns = [
    path("", views.opinion_map_list, name="list"),
    path("<int:pk>/", views.opinion_map_detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/statements/", views.statement_add, name="statement_add"),
    path("<int:pk>/results/", views.results, name="results"),
]
