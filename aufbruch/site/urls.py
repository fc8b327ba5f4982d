from django.urls import path

from . import views

# No namespace: "home" is linked from every page as {% url 'home' %}.
urlpatterns = [
    path("", views.home, name="home"),
    path("so-funktionierts/", views.how_it_works, name="how_it_works"),
    path("activity/", views.activity, name="my_activity"),
    path("suche/", views.search, name="search"),
]
