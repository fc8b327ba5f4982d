"""Exports without votes.csv, and broken exports: a clear message naming the
file and line, and nothing imported."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from aufbruch.opinions.agreement import ari_against_polis, export_dirs, group_export
from aufbruch.opinions.models import OpinionMap, Participant, Statement, Vote
from aufbruch.opinions.polis_format import PolisFormatError, read_conversation
from aufbruch.opinions.polis_io import polis_import
from aufbruch.opinions.selectors import polis_agreement
from aufbruch.opinions.services import cluster_recompute

from .shared_data import requires_shared_exports

pytestmark = [pytest.mark.django_db, requires_shared_exports]


@pytest.fixture
def brexit(tmp_path):
    source = next(d for d in export_dirs() if d.name == "brexit-consensus")
    target = tmp_path / "brexit"
    shutil.copytree(source, target)
    return target


def test_import_without_votes_csv_uses_participants_votes(brexit):
    full = read_conversation(brexit)
    (brexit / "votes.csv").unlink()
    m = polis_import(directory=brexit)
    assert Vote.objects.filter(statement__opinion_map=m).count() == len(full.votes) == 5303
    assert Participant.objects.filter(opinion_map=m).count() == 204
    assert Participant.objects.filter(opinion_map=m, polis_group__isnull=False).count() == 197
    assert Statement.objects.filter(opinion_map=m).count() == 50
    result = cluster_recompute(opinion_map_id=m.pk)
    ari, n = polis_agreement(opinion_map=m, result=result)
    assert len(result.groups) == 2 and n == 197
    assert ari == round(ari_against_polis(full, group_export(full))[0], 3) >= 0.85


def expect_error(folder, file, line, words):
    with pytest.raises(PolisFormatError) as exc:
        polis_import(directory=folder)
    message = str(exc.value)
    where = f"{file}, line {line}" if line else file
    assert message.startswith(where), message
    for w in words:
        assert w in message, message
    assert not OpinionMap.objects.exists() and not Vote.objects.exists()
    with pytest.raises(CommandError) as exc:
        call_command("import_polis", str(folder))
    assert "nothing imported" in str(exc.value) and where in str(exc.value)
    assert not OpinionMap.objects.exists()


def rewrite(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_missing_column(brexit):
    rewrite(brexit / "comments.csv", ",moderated,", ",status,")
    expect_error(brexit, "comments.csv", 1, ["moderated"])


def test_bad_vote_value_names_the_line(brexit):
    lines = (brexit / "votes.csv").read_text().splitlines()
    lines[4] = lines[4].rsplit(",", 1)[0] + ",2"
    (brexit / "votes.csv").write_text("\n".join(lines) + "\n")
    expect_error(brexit, "votes.csv", 5, ["vote", "'2'"])


def test_text_where_a_number_belongs(brexit):
    lines = (brexit / "votes.csv").read_text().splitlines()
    parts = lines[2].split(",")
    parts[3] = "<script>"
    lines[2] = ",".join(parts)
    (brexit / "votes.csv").write_text("\n".join(lines) + "\n")
    expect_error(brexit, "votes.csv", 3, ["voter-id", "whole number"])


def test_unknown_comment_id_in_votes(brexit):
    lines = (brexit / "votes.csv").read_text().splitlines()
    parts = lines[6].split(",")
    parts[2] = "9999"
    lines[6] = ",".join(parts)
    (brexit / "votes.csv").write_text("\n".join(lines) + "\n")
    expect_error(brexit, "votes.csv", 7, ["9999", "not in comments.csv"])


def test_unknown_comment_column_in_participants_votes(brexit):
    (brexit / "votes.csv").unlink()
    rewrite(brexit / "participants-votes.csv", ",48,49\n", ",48,4900\n")
    expect_error(brexit, "participants-votes.csv", 1, ["4900", "not in comments.csv"])


def test_bad_moderation_value(brexit):
    text = (brexit / "comments.csv").read_text().splitlines()
    parts = text[1].split(",")
    parts[6] = "7"
    text[1] = ",".join(parts)
    (brexit / "comments.csv").write_text("\n".join(text) + "\n")
    expect_error(brexit, "comments.csv", 2, ["moderated"])


def test_no_votes_at_all(brexit):
    (brexit / "votes.csv").unlink()
    (brexit / "participants-votes.csv").unlink()
    expect_error(brexit, "votes.csv", None, ["participants-votes.csv"])


def test_not_a_folder(tmp_path):
    with pytest.raises(PolisFormatError, match="not a folder"):
        polis_import(directory=tmp_path / "missing")
