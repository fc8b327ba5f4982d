"""The page frame's context: the navigation is reversed once, not per page."""

from django.test import RequestFactory, override_settings
from django.urls import reverse

from aufbruch.site import context_processors


def test_nav_marks_the_current_section_and_reuses_the_reversed_addresses(monkeypatch):
    request = RequestFactory().get("/ideas/?q=x")
    items = context_processors._nav(request)
    assert items[0] == {"url": reverse("ideas:list"), "label": items[0]["label"], "active": True}
    assert not any(item["active"] for item in items[1:])
    monkeypatch.setattr(context_processors, "reverse", None)  # would fail if called again
    assert context_processors._nav(request) == items


@override_settings(ROOT_URLCONF="aufbruch.site.tests.urls_without_nav")
def test_nav_leaves_out_pages_another_urlconf_does_not_have():
    assert context_processors._nav(RequestFactory().get("/")) == []
