"""Import and export in the Pol.is open-data format, on the real Klimarat data."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.opinions.demo import KLIMARAT_ATTRIBUTION
from aufbruch.opinions.models import OpinionMap, Participant, Statement, Vote
from aufbruch.opinions.polis_format import (
    PolisComment,
    PolisConversation,
    read_conversation,
    write_conversation,
)
from aufbruch.opinions.polis_io import polis_export, polis_import
from aufbruch.opinions.selectors import polis_agreement
from aufbruch.opinions.services import cluster_recompute

pytestmark = pytest.mark.django_db


def test_klimarat_import_groups_export_and_results_page(
    tmp_path, client, django_assert_max_num_queries
):
    original = read_conversation(settings.POLIS_DATA_DIR)
    m = polis_import(directory=settings.POLIS_DATA_DIR, attribution=KLIMARAT_ATTRIBUTION)
    assert (m.question, m.is_open, m.source_url) == (
        "Produktion und Konsum",
        False,
        "https://pol.is/5twd2jsnfk",
    )
    assert Statement.objects.filter(opinion_map=m).count() == 522
    assert Participant.objects.filter(opinion_map=m).count() == 1116
    assert Vote.objects.filter(statement__opinion_map=m).count() == len(original.votes) == 61384
    assert Participant.objects.filter(opinion_map=m, polis_group__isnull=False).count() == 900
    assert AuditEntry.objects.get(action="opinions.import").details["votes"] == 61384

    result = cluster_recompute(opinion_map_id=m.pk)
    assert result.n_participants == 900 and len(result.groups) == 2
    ari, n = polis_agreement(opinion_map=m, result=result)
    assert n == 900 and ari >= 0.8, ari

    polis_export(opinion_map=m, directory=tmp_path)
    again = read_conversation(tmp_path)
    assert again.votes == original.votes
    assert [(c.comment_id, c.author_id, c.state, c.text) for c in again.comments] == [
        (c.comment_id, c.author_id, c.state, c.text) for c in original.comments
    ]
    assert again.summary["topic"] == "Produktion und Konsum" and again.summary["groups"] == "2"
    assert sum(1 for g in again.groups.values() if g is not None) == 900

    with django_assert_max_num_queries(6):
        response = client.get(reverse("opinions:results", args=[m.pk]))
    html = response.content.decode()
    assert "CC BY 4.0" in html and "2022-Austria-Klimarat" in html
    assert html.count("<use href=") == 900
    assert "bereinigter Rand-Index, 1 = identisch): " + str(ari).replace(".", ",") in html
    assert "CC BY 4.0" in client.get(m.get_absolute_url()).content.decode()


def small_conversation() -> PolisConversation:
    comments = [
        PolisComment(comment_id=i, author_id=0, state="accepted", text=f"Aussage {i}")
        for i in range(8)
    ]
    comments.append(PolisComment(comment_id=8, author_id=1, state="rejected", text="Entfernt"))
    votes = {
        (voter, c): (1 if (voter < 5) == (c % 2 == 0) else -1)
        for voter in range(10)
        for c in range(8)
    }
    return PolisConversation(
        summary={"topic": "Kleine Runde", "url": ""}, comments=comments, votes=votes, groups={}
    )


def test_import_and_export_commands(tmp_path):
    write_conversation(small_conversation(), tmp_path / "in")
    call_command("import_polis", str(tmp_path / "in"))
    m = OpinionMap.objects.get(question="Kleine Runde")
    assert m.statements.filter(state="rejected").count() == 1
    assert len(m.cluster_result.groups) == 2
    call_command("export_polis", str(m.pk), str(tmp_path / "out"))
    back = read_conversation(tmp_path / "out")
    assert back.votes == small_conversation().votes
    assert set(back.groups.values()) == {0, 1}
    with pytest.raises(CommandError):
        call_command("export_polis", "999999", str(tmp_path / "x"))
    with pytest.raises(CommandError):
        call_command("import_polis", str(tmp_path / "missing"))


def test_export_of_a_native_map_numbers_people_without_account_data(
    opinion_map, make_voters, user, tmp_path
):
    from aufbruch.opinions import services

    make_voters(3)
    p = services.participant_for(opinion_map=opinion_map, user=user)
    services.vote_cast(participant=p, statement=opinion_map.statements.first(), value=1)
    services.statement_add(opinion_map=opinion_map, author=user, text="Eigene Aussage.")
    polis_export(opinion_map=opinion_map, directory=tmp_path)
    conv = read_conversation(tmp_path)
    assert len(conv.voter_ids) == 4 and len(conv.votes) == 3 * 8 + 1
    assert [c.state for c in conv.comments].count("pending") == 1
    text = "".join(f.read_text() for f in tmp_path.iterdir())
    assert user.email not in text and user.display_name not in text


def test_export_escapes_formulas_in_statements_and_reads_them_back(tmp_path):
    import csv

    conv = small_conversation()
    conv.comments[0].text = '=HYPERLINK("http://evil.example","klick")'
    conv.comments[1].text = "-1+1 & <b>fett</b>"
    conv.summary["topic"] = "@SUMME(A1)"
    write_conversation(conv, tmp_path)
    with open(tmp_path / "comments.csv", newline="", encoding="utf-8") as fh:
        bodies = [row["comment-body"] for row in csv.DictReader(fh)]
    assert bodies[0] == '\'=HYPERLINK("http://evil.example","klick")'
    assert bodies[1] == "'-1+1 & <b>fett</b>"
    with open(tmp_path / "votes.csv", newline="", encoding="utf-8") as fh:
        assert {row["vote"] for row in csv.DictReader(fh)} == {"1", "-1"}  # numbers stay numbers
    back = read_conversation(tmp_path)
    assert back.comments[0].text == '=HYPERLINK("http://evil.example","klick")'
    assert back.comments[1].text == "-1+1 & <b>fett</b>"
    assert back.summary["topic"] == "@SUMME(A1)"
