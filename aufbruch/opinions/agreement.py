"""How far our groups agree with Pol.is's own, on Pol.is open-data exports.

No database: reads the export folders, groups the participants exactly as
the recompute task does (participants Pol.is placed count as in the
conversation), and compares with the ``group-id`` column. Used by
``manage.py polis_agreement`` (the table in docs/opinions.md) and the tests.

The exports come from compdemocracy/openData (CC BY 4.0, The Computational
Democracy Project, compdemocracy.org/polis).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from sklearn.metrics import silhouette_score

from .clustering import GroupingResult, adjusted_rand_index, group_participants
from .polis_format import PolisConversation, _int, _rows, read_conversation

OPEN_DATA = Path("shared") / "data" / "polis-open-data"


def open_data_dir() -> Path | None:
    """The folder with the further public exports: $POLIS_OPEN_DATA_DIR, or
    shared/data/polis-open-data beside the clone (or beside a parent folder,
    for git worktrees)."""
    if os.environ.get("POLIS_OPEN_DATA_DIR"):
        return Path(os.environ["POLIS_OPEN_DATA_DIR"])
    for parent in Path(settings.BASE_DIR).resolve().parents:
        if (parent / OPEN_DATA).is_dir():
            return parent / OPEN_DATA
    return None


def export_dirs() -> list[Path]:
    """Every export used for the agreement table: the Klimarat export and the
    folders in polis-open-data."""
    dirs = [Path(settings.POLIS_DATA_DIR)]
    extra = open_data_dir()
    if extra is not None:
        dirs += sorted(p for p in extra.iterdir() if (p / "comments.csv").exists())
    return dirs


def vote_rows(conv: PolisConversation) -> list[tuple[int, int, int]]:
    return [(voter, comment, value) for (voter, comment), value in conv.votes.items()]


def rejected(conv: PolisConversation) -> list[int]:
    return [c.comment_id for c in conv.comments if c.state == "rejected"]


def placed(conv: PolisConversation) -> list[int]:
    return [p for p, g in conv.groups.items() if g is not None]


def group_export(conv: PolisConversation, **kwargs) -> GroupingResult:
    """Group as the recompute task does after an import."""
    return group_participants(
        vote_rows(conv), excluded_statement_ids=rejected(conv), in_conv=placed(conv), **kwargs
    )


def ari_against_polis(conv: PolisConversation, result: GroupingResult) -> tuple[float, int]:
    theirs = {p: g for p, g in conv.groups.items() if g is not None}
    pairs = [
        (theirs[p], label)
        for p, label in zip(result.participant_ids, result.labels, strict=True)
        if p in theirs
    ]
    if len(pairs) < 2:
        return 0.0, len(pairs)
    return adjusted_rand_index([a for a, _ in pairs], [b for _, b in pairs]), len(pairs)


@dataclass
class Row:
    name: str
    participants: int
    polis_grouped: int
    grouped: int
    k_polis: int
    k: int
    ari: float
    both: int
    seconds: float
    evidence: dict = field(default_factory=dict)


def agreement(folder: Path, *, explain: bool = False) -> Row:
    conv = read_conversation(folder)
    started = time.perf_counter()
    result = group_export(conv)
    seconds = time.perf_counter() - started
    ari, both = ari_against_polis(conv, result)
    row = Row(
        name=folder.name,
        participants=len(conv.groups) or len({v for v, _ in conv.votes}),
        polis_grouped=len(placed(conv)),
        grouped=len(result.participant_ids),
        k_polis=len({g for g in conv.groups.values() if g is not None}),
        k=result.k,
        ari=round(ari, 3),
        both=both,
        seconds=round(seconds, 2),
    )
    if explain:
        row.evidence = evidence(conv, result)
    return row


def evidence(conv: PolisConversation, result: GroupingResult) -> dict:
    """Facts that tell which rules produced Pol.is's groups.

    - ``polis_silhouette`` / ``our_silhouette``: how well Pol.is's partition
      and ours separate the participants on our map (same coordinates);
    - ``nearer_other``: share of participants closer to another Pol.is group's
      centre than to their own. k-means ends only when this is 0, so a high
      share means Pol.is's groups were not computed on these final votes
      (warm start from an earlier state, conversation.clj :group-clusterings
      with :last-clusters);
    - ``in_conv_now`` / ``in_conv_2017``: how many participants the current
      rule and the rule of Pol.is before 2017-10-31 (moderated-out columns
      counted as votes) put in the conversation, against ``polis_grouped``;
    - ``ari_2017``: agreement when grouping with the rules of mid-2017.
    """
    theirs = {p: g for p, g in conv.groups.items() if g is not None}
    idx = [i for i, p in enumerate(result.participant_ids) if p in theirs]
    points = np.array([result.coordinates[i] for i in idx])
    truth = np.array([theirs[result.participant_ids[i]] for i in idx])
    ours = np.array([result.labels[i] for i in idx])
    out: dict = {}
    if len(set(truth.tolist())) > 1 and len(points) > len(set(truth.tolist())):
        groups = sorted(set(truth.tolist()))
        centres = np.array([points[truth == g].mean(axis=0) for g in groups])
        nearest = np.array(groups)[((points[:, None] - centres[None]) ** 2).sum(-1).argmin(1)]
        out["polis_silhouette"] = round(float(silhouette_score(points, truth)), 3)
        out["our_silhouette"] = round(float(silhouette_score(points, ours)), 3)
        out["nearer_other"] = round(float((nearest != truth).mean()), 3)
    # who is "in the conversation" under each rule, without Pol.is's placement
    now = group_participants(vote_rows(conv), excluded_statement_ids=rejected(conv))
    old = group_participants(
        vote_rows(conv), excluded_statement_ids=rejected(conv), polis_2017=True
    )
    out["polis_grouped"] = len(theirs)
    out["in_conv_now"] = len(now.participant_ids)
    out["in_conv_now_same_set"] = set(now.participant_ids) == set(theirs)
    out["in_conv_2017"] = len(old.participant_ids)
    out["in_conv_2017_same_set"] = set(old.participant_ids) == set(theirs)
    out["ari_2017"] = round(ari_against_polis(conv, old)[0], 3)
    out["k_2017"] = old.k
    return out


def stability(folder: Path, share: float = 0.01) -> tuple[float, int]:
    """Share of participants whose group changes when the last ``share`` of the
    votes (by time) arrives, the recompute warm-starting from the result before.
    Returns (share changed, participants grouped both times)."""
    conv = read_conversation(folder)
    timed = []
    for line, _header, row in _rows(folder, "votes.csv", ["comment-id", "voter-id", "vote"]):
        stamp = (row.get("timestamp") or "").strip()
        timed.append(
            (
                _int(stamp, "votes.csv", line, "timestamp") if stamp else 0,
                line,
                _int(row["voter-id"], "votes.csv", line, "voter-id"),
                _int(row["comment-id"], "votes.csv", line, "comment-id"),
                _int(row["vote"], "votes.csv", line, "vote"),
            )
        )
    timed.sort()
    cut = len(timed) - max(1, round(len(timed) * share))
    latest: dict[tuple[int, int], int] = {}
    for _stamp, _line, voter, comment, value in timed[:cut]:
        latest[(voter, comment)] = value
    before = PolisConversation(comments=conv.comments, votes=latest, groups=conv.groups)
    first = group_export(before)
    second = group_export(
        conv,
        previous=first.state,
        previous_labels=dict(zip(first.participant_ids, first.labels, strict=True)),
    )
    old = dict(zip(first.participant_ids, first.labels, strict=True))
    both = [
        (old[p], g) for p, g in zip(second.participant_ids, second.labels, strict=True) if p in old
    ]
    if not both:
        return 0.0, 0
    return sum(a != b for a, b in both) / len(both), len(both)
