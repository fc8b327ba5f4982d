"""A URLconf without any of the navigation's pages (test_context_processors)."""

urlpatterns: list = []
