"""The system check that caps how long anonymous visitors share a rendering."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from aufbruch.ideas.checks import MAX_PAGE_CACHE_SECONDS, check_page_cache_lifetime


@pytest.mark.parametrize("name", ["IDEA_PAGE_CACHE_SECONDS", "IDEA_LIST_CACHE_SECONDS"])
@pytest.mark.parametrize("value", [0, 10, MAX_PAGE_CACHE_SECONDS])
def test_lifetimes_up_to_the_cap_pass(settings, name, value):
    setattr(settings, name, value)
    assert check_page_cache_lifetime() == []


@pytest.mark.parametrize("name", ["IDEA_PAGE_CACHE_SECONDS", "IDEA_LIST_CACHE_SECONDS"])
@pytest.mark.parametrize("value", [MAX_PAGE_CACHE_SECONDS + 1, 86400, -1, "10"])
def test_longer_or_odd_lifetimes_are_errors(settings, name, value):
    setattr(settings, name, value)
    (error,) = check_page_cache_lifetime()
    assert error.id == "ideas.E001" and name in error.msg


def test_manage_py_check_refuses_a_day(settings):
    settings.IDEA_PAGE_CACHE_SECONDS = 86400
    with pytest.raises(SystemCheckError, match="ideas.E001"):
        call_command("check")
