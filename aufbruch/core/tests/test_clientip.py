"""Behind a reverse proxy each client gets its own rate-limit bucket, and a
client cannot pick its bucket by forging X-Forwarded-For (issue #10, 3)."""

import pytest
from allauth.account.adapter import get_adapter
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from aufbruch.core import ratelimit
from aufbruch.core.clientip import client_ip

PROXY = "10.0.0.1"  # nginx, as seen by gunicorn


def req(xff=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(req("1.2.3.4", remote="198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_the_right_most_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(req("198.51.100.7")) == "198.51.100.7"
    # The client wrote the left part itself; nginx appended the real address.
    assert client_ip(req("6.6.6.6, 1.1.1.1, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(req("2001:db8::5")) == "2001:db8::5"


def test_behind_two_proxies_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(req("6.6.6.6, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"
    # Fewer hops than proxies (request bypassed one): only the socket counts.
    assert client_ip(req("198.51.100.7")) == PROXY
    assert client_ip(req("kaputt, 10.0.0.9")) == PROXY


def test_forged_left_entries_do_not_change_the_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    keys = {ratelimit.client_key(req(f"{n}.{n}.{n}.{n}, 198.51.100.7")) for n in range(1, 30)}
    assert len(keys) == 1


def test_clients_behind_the_proxy_get_separate_buckets(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": (3, 600)}
    a, b = req("198.51.100.7"), req("198.51.100.8")
    for _ in range(3):
        ratelimit.check(a, "comment")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check(a, "comment")
    with pytest.raises(ratelimit.RateLimited):  # a forged prefix does not help
        ratelimit.check(req("203.0.113.99, 198.51.100.7"), "comment")
    ratelimit.check(b, "comment")  # another resident is not locked out


def test_allauth_sees_the_same_client(settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for xff in ["198.51.100.7", "6.6.6.6, 198.51.100.7", "2001:db8::5"]:
        r = req(xff)
        assert get_adapter(r).get_client_ip(r) == client_ip(r)


@pytest.mark.django_db
def test_failed_logins_of_one_client_do_not_lock_out_another(client, settings, user):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": PROXY}
    for n in range(12):
        response = client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@example.org", "password": "falsch-falsch"},
            HTTP_X_FORWARDED_FOR=f"{n}.0.0.{n}, 203.0.113.66",  # forged, changing prefix
            **attacker,
        )
    codes = [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert "too_many_login_attempts" in codes
    user.set_password("richtig-richtig-1")
    user.save()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "richtig-richtig-1"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        REMOTE_ADDR=PROXY,
    )
    assert response.status_code == 302


def test_an_unknown_scope_is_an_error(settings):
    with pytest.raises(ImproperlyConfigured):
        ratelimit.hit("no_such_scope", "k")


def test_every_scope_in_use_is_configured(settings):
    assert not [e for e in run_checks() if e.id == "aufbruch.E001"]
    assert {"survey_response", "comment", "registration"} <= ratelimit.USED_SCOPES
    settings.RATE_LIMITS = {k: v for k, v in settings.RATE_LIMITS.items() if k != "report"}
    assert [e.id for e in run_checks() if e.id == "aufbruch.E001"] == ["aufbruch.E001"]
