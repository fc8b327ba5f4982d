from django.urls import path

from . import staff_views

app_name = "agenda_staff"
urlpatterns = [
    path("", staff_views.manage_list, name="list"),
    path("<int:pk>/", staff_views.manage_detail, name="detail"),
    path("paragraphs/<int:pk>/", staff_views.paragraph_manage, name="paragraph"),
    path("amendments/<int:pk>/", staff_views.amendment_decide, name="decide"),
]
