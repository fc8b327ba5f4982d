"""Shared test helpers: factories for the core models and small utilities.

App-specific factories live in each app's tests/factories.py and build on
these (the organisation models by their label, as core sits below the
organisation app). Objects that represent state changes (ideas, supports, comments...)
are made through the real services in tests, not through factories.
"""

from __future__ import annotations

import socket

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

# Test support only (never loaded by the running site): the one import of a
# higher layer from core, allowed in the import-linter contract.
from aufbruch.staff.mfa import mark_session_mfa, user_has_totp


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("geheim-passwort-123")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Mark the e-mail address as verified, as after the confirmation link."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisation.Topic"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisation.District"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisation.Department"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Fachbereich {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def enable_totp(user) -> None:
    """Give ``user`` an active TOTP authenticator (staff must have MFA)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def login_with_mfa(client, user) -> None:
    """Log ``client`` in as a staff user who passed the second factor in
    this session (as after allauth's TOTP step)."""
    if not user_has_totp(user):
        enable_totp(user)
    client.force_login(user)
    session = client.session
    mark_session_mfa(session, user)
    session.save()


def login_password_only(client, user) -> None:
    """Log ``client`` in with the first factor only (no TOTP step)."""
    client.force_login(user)


def redis_available(host: str = "127.0.0.1", port: int = 6379) -> bool:
    """Whether a Redis server answers (tests of the Redis paths skip without one)."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
