import random

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate

from aufbruch.accounts import demo as people_demo
from aufbruch.accounts.models import User
from aufbruch.core.demo import DemoContext, seeders
from aufbruch.organisation import demo
from aufbruch.organisation.models import Department, District, Topic
from aufbruch.staff.models import StaffRole

pytestmark = pytest.mark.django_db

# adopted by the council on 1 July 2021 (shared/product/BRIEF.md)
NINE_FIELDS_OF_ACTION = [
    "Lernende Stadt",
    "Kulturelle Vielfalt",
    "Mitmachstadt",
    "Gutes Stadtklima",
    "Vernetzte Mobilität",
    "Zukunft der Arbeit",
    "Wohlergehen für alle",
    "Zukunft im Quartier",
    "Guter Service",
]


def run():
    ctx = DemoContext(rng=random.Random(2017), quiet=True)
    demo.seed(ctx)
    people_demo.seed(ctx)  # the people moved to the accounts app (seeder order 11)
    return ctx


def test_seeder_is_registered_first():
    keys = [s.key for s in seeders()]
    assert "organisation" in keys and [s.order for s in seeders() if s.key == "organisation"] == [
        10
    ]
    assert min(s.order for s in seeders()) == 10


def test_base_demo_data_and_shared_context():
    ctx = run()
    assert (
        Topic.objects.count() == 9
        and District.objects.count() == 13
        and Department.objects.count() == 9
    )
    assert all(d.latitude and d.longitude for d in District.objects.all())
    assert all(d.topics.exists() for d in Department.objects.all())
    shared = ctx.shared
    assert len(shared["participants"]) == 200
    assert len(shared["youth"]) >= 40 and all(u.birth_year > 1997 for u in shared["youth"])
    assert all(u.email.endswith("@demo.aufbruch.invalid") for u in shared["participants"])
    assert len({u.district_id for u in shared["participants"] if u.district_id}) == 13
    assert set(shared["staff"]["guides"]) == set(Department.objects.values_list("slug", flat=True))
    assert StaffRole.objects.filter(user=shared["staff"]["office"], role="office").exists()
    assert StaffRole.objects.filter(user=shared["staff"]["moderator"], role="moderator").exists()
    assert [t.name for t in shared["topics"]] == NINE_FIELDS_OF_ACTION
    assert all(d.topics.count() == 1 for d in Department.objects.all())
    assert len(shared["districts"]) == 13 and len(shared["departments"]) == 9


def test_demo_logins_and_staff_totp():
    ctx = run()
    for email in (
        people_demo.RESIDENT_EMAIL,
        people_demo.OFFICE_EMAIL,
        f"lotse-mobilitaet@{demo.DEMO_DOMAIN}",
    ):
        assert authenticate(email=email, password="aufbruch-demo") is not None
    staff = [
        ctx.shared["staff"]["office"],
        ctx.shared["staff"]["moderator"],
        *ctx.shared["staff"]["guides"].values(),
    ]
    assert Authenticator.objects.filter(user__in=staff, type="totp").count() == len(staff)
    assert not Authenticator.objects.filter(user__in=ctx.shared["participants"]).exists()


def test_second_run_adds_nothing_and_fills_the_context_again():
    first = run()
    counts = (
        User.objects.count(),
        Topic.objects.count(),
        District.objects.count(),
        StaffRole.objects.count(),
        Authenticator.objects.count(),
    )
    second = run()
    assert counts == (
        User.objects.count(),
        Topic.objects.count(),
        District.objects.count(),
        StaffRole.objects.count(),
        Authenticator.objects.count(),
    )
    assert [u.pk for u in first.shared["participants"]] == [
        u.pk for u in second.shared["participants"]
    ]
    assert [u.pk for u in first.shared["youth"]] == [u.pk for u in second.shared["youth"]]
