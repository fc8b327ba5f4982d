import threading

import pytest
from django.db import connection

from aufbruch.agenda.models import Amendment, Section, SectionVote
from aufbruch.agenda.services import amendment_propose, amendment_support, section_vote
from aufbruch.core.testing import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")


def run_in_threads(fn, items) -> list[Exception]:
    errors: list[Exception] = []

    def work(item):
        try:
            fn(item)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_parallel_votes_and_changes_keep_counters_exact(section):
    people = [UserFactory() for _ in range(20)]
    assert (
        run_in_threads(lambda p: section_vote(section=section, user=p, choice="agree"), people)
        == []
    )
    # the same people change their minds at once, some twice in parallel
    jobs = [(p, "disagree") for p in people[:10]] + [(p, "abstain") for p in people[:10]]
    assert (
        run_in_threads(lambda j: section_vote(section=section, user=j[0], choice=j[1]), jobs) == []
    )
    s = Section.objects.get(pk=section.pk)
    rows = {
        c: SectionVote.objects.filter(section=section, choice=c).count()
        for c in ("agree", "disagree", "abstain")
    }
    assert SectionVote.objects.filter(section=section).count() == 20
    assert (s.agree_count, s.disagree_count, s.abstain_count) == (
        rows["agree"],
        rows["disagree"],
        rows["abstain"],
    )
    assert s.agree_count == 10


def test_parallel_double_vote_counts_once(section):
    person = UserFactory()
    assert (
        run_in_threads(
            lambda _: section_vote(section=section, user=person, choice="agree"), range(6)
        )
        == []
    )
    assert SectionVote.objects.filter(section=section).count() == 1
    assert Section.objects.get(pk=section.pk).agree_count == 1


def test_parallel_supports_count_once_each(paragraph, resident):
    a = amendment_propose(paragraph=paragraph, author=resident, text="Parallel.", reason="Test")
    people = [UserFactory() for _ in range(10)]
    assert run_in_threads(lambda p: amendment_support(amendment=a, user=p), people + people) == []
    assert Amendment.objects.get(pk=a.pk).support_count == 10
