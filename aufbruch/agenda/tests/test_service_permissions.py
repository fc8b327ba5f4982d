"""The role matrix of the Digital Agenda's services (see staff/tests/matrix.py).
"author" proposed the open amendment."""

import pytest

from aufbruch.agenda import services
from aufbruch.agenda.models import AgendaComment, Amendment, Paragraph, SectionVote
from aufbruch.staff.tests.matrix import OFFICE, PARTICIPANTS, expected, outcomes, people


@pytest.fixture
def world(document, paragraph, section):
    who = people()
    amendment = services.amendment_propose(
        paragraph=paragraph, author=who["author"], text="Neue Fassung.", reason="Klarer."
    )
    return who, paragraph, section, amendment


def _state(paragraph):
    def state():
        return (
            Paragraph.objects.get(pk=paragraph.pk).text,
            list(Amendment.objects.order_by("pk").values_list("status", flat=True)),
            AgendaComment.objects.count(),
            SectionVote.objects.count(),
        )

    return state


ROWS = {
    "comment_create": (
        lambda w, a: services.comment_create(paragraph=w[1], author=a, body="Gute Idee."),
        expected(PARTICIPANTS),
    ),
    "section_vote": (
        lambda w, a: services.section_vote(section=w[2], user=a, choice="agree"),
        expected(PARTICIPANTS),
    ),
    "amendment_propose": (
        lambda w, a: services.amendment_propose(
            paragraph=w[1], author=a, text="Andere Fassung.", reason="Kürzer."
        ),
        expected(PARTICIPANTS),
    ),
    "paragraph_edit": (
        lambda w, a: services.paragraph_edit(
            paragraph=w[1], actor=a, text="Geänderte Fassung.", reason="Tippfehler"
        ),
        expected(OFFICE),
    ),
    "amendment_reject": (
        lambda w, a: services.amendment_reject(amendment=w[3], actor=a, reason="Passt nicht."),
        expected(OFFICE),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_agenda_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(world[1])) == table
