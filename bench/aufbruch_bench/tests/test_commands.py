"""The benchmarks' set-up commands still work against the current models."""

import io

import pytest
from django.core.management import call_command

from aufbruch.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_bench_setup_prepares_an_open_live_page(client):
    out = io.StringIO()
    call_command("meetings_bench_setup", "--questions", "5", stdout=out, stderr=io.StringIO())
    call_command("meetings_bench_setup", stdout=io.StringIO(), stderr=io.StringIO())
    assert Meeting.objects.count() == 1
    path = out.getvalue().strip()
    response = client.get(path)
    assert response.status_code == 200 and response.content.decode().count("Dafür stimmen") == 5
