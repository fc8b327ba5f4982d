app_name = "assumptions"
urlpatterns: list = []
