from django.urls import path

from . import feeds, views

app_name = "opendata"
urlpatterns = [
    path("open-data/", views.open_data, name="index"),
    path(f"open-data/{views.ARCHIVE_NAME}", views.download, name="download"),
    path("feeds/ideas/", feeds.NewIdeasFeed(), name="feed_ideas"),
    path("feeds/ideas/<str:kind>/<slug:slug>/", feeds.NewIdeasFeed(), name="feed_ideas_by"),
    path("feeds/ideas/<int:pk>/", feeds.IdeaTimelineFeed(), name="feed_idea"),
    path("feeds/decisions/", feeds.DecisionsFeed(), name="feed_decisions"),
    path("feeds/projects/", feeds.ProjectUpdatesFeed(), name="feed_projects"),
    path("feeds/projects/<int:pk>/", feeds.ProjectUpdatesFeed(), name="feed_project"),
    path("feeds/events/", feeds.EventsFeed(), name="feed_events"),
]
