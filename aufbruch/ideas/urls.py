from django.urls import path

from . import views

app_name = "ideas"
urlpatterns = [
    path("", views.idea_list, name="list"),
    path("map.json", views.idea_map_data, name="map_data"),
    path("new/", views.idea_submit, name="submit"),
    path("places/", views.place_search, name="place_search"),
    path("new/similar/", views.idea_similar, name="similar"),
    path("<int:pk>/", views.idea_detail, name="detail"),
    path("<int:pk>/edit/", views.idea_edit, name="edit"),
    path("<int:pk>/versions/", views.idea_versions, name="versions"),
    path("<int:pk>/images/add/", views.idea_image_add, name="image_add"),
    path("<int:pk>/images/<int:image_pk>/remove/", views.idea_image_remove, name="image_remove"),
    path("<int:pk>/support/", views.idea_support, name="support"),
    path("<int:pk>/support/withdraw/", views.idea_withdraw_support, name="withdraw"),
    path("<int:pk>/follow/", views.idea_follow, name="follow"),
    path("<int:pk>/unfollow/", views.idea_unfollow, name="unfollow"),
]
