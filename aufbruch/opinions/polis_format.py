"""Reading and writing the Pol.is open-data export format (no database).

A conversation export is a folder with summary.csv (key,value rows),
comments.csv, votes.csv (every vote, later ones replace earlier ones) and
participants-votes.csv (one row per participant: group-id and the final
vote on each statement, empty when unseen).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from aufbruch.core.csv import unescape_cell, write_rows

COMMENT_FIELDS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]
VOTE_FIELDS = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
PARTICIPANT_FIELDS = [
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
]
MODERATED = {"-1": "rejected", "0": "pending", "1": "accepted"}
MODERATED_CODE = {v: k for k, v in MODERATED.items()}


@dataclass
class PolisComment:
    comment_id: int
    author_id: int
    state: str
    text: str
    timestamp: int = 0


@dataclass
class PolisConversation:
    summary: dict[str, str] = field(default_factory=dict)
    comments: list[PolisComment] = field(default_factory=list)
    votes: dict[tuple[int, int], int] = field(default_factory=dict)  # (voter, comment) -> value
    groups: dict[int, int | None] = field(default_factory=dict)  # participant -> Pol.is group-id

    @property
    def voter_ids(self) -> list[int]:
        return sorted({voter for voter, _ in self.votes} | set(self.groups))


def read_conversation(directory: Path | str) -> PolisConversation:
    folder = Path(directory)
    conv = PolisConversation()
    with open(folder / "summary.csv", newline="", encoding="utf-8") as fh:
        conv.summary = {row[0]: unescape_cell(row[1]) for row in csv.reader(fh) if len(row) >= 2}
    with open(folder / "comments.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            conv.comments.append(
                PolisComment(
                    comment_id=int(row["comment-id"]),
                    author_id=int(row["author-id"]),
                    state=MODERATED.get(row["moderated"].strip(), "pending"),
                    text=unescape_cell(row["comment-body"]),
                    timestamp=int(row["timestamp"] or 0),
                )
            )
    conv.comments.sort(key=lambda c: c.comment_id)
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    with open(folder / "votes.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (int(row["voter-id"]), int(row["comment-id"]))
            stamp = int(row["timestamp"] or 0)
            if key not in latest or latest[key][0] <= stamp:
                latest[key] = (stamp, int(row["vote"]))
    conv.votes = {key: value for key, (_stamp, value) in latest.items()}
    pv = folder / "participants-votes.csv"
    if pv.exists():
        with open(pv, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                group = row.get("group-id", "").strip()
                conv.groups[int(row["participant"])] = int(group) if group else None
    return conv


def write_conversation(conv: PolisConversation, directory: Path | str) -> None:
    """Pol.is's own layout (comma separated, no BOM), every cell through the
    shared formula escaping: statement text is written by the public."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str] | None, rows) -> None:
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            write_rows(fh, header, rows, delimiter=",", lineterminator="\n")

    write("summary.csv", None, ([key, value] for key, value in conv.summary.items()))
    agrees: dict[int, int] = {}
    disagrees: dict[int, int] = {}
    for (_voter, comment), value in conv.votes.items():
        if value == 1:
            agrees[comment] = agrees.get(comment, 0) + 1
        elif value == -1:
            disagrees[comment] = disagrees.get(comment, 0) + 1
    write(
        "comments.csv",
        COMMENT_FIELDS,
        (
            [
                c.timestamp,
                "",
                c.comment_id,
                c.author_id,
                agrees.get(c.comment_id, 0),
                disagrees.get(c.comment_id, 0),
                MODERATED_CODE[c.state],
                c.text,
            ]
            for c in conv.comments
        ),
    )
    write(
        "votes.csv",
        VOTE_FIELDS,
        (
            ["", "", comment, voter, value]
            for (voter, comment), value in sorted(
                conv.votes.items(), key=lambda kv: (kv[0][1], kv[0][0])
            )
        ),
    )
    comment_ids = [c.comment_id for c in conv.comments]
    authored: dict[int, int] = {}
    for c in conv.comments:
        authored[c.author_id] = authored.get(c.author_id, 0) + 1
    by_voter: dict[int, dict[int, int]] = {}
    for (voter, comment), value in conv.votes.items():
        by_voter.setdefault(voter, {})[comment] = value

    def participant_rows():
        for voter in conv.voter_ids:
            mine = by_voter.get(voter, {})
            group = conv.groups.get(voter)
            values = list(mine.values())
            yield [
                voter,
                "",
                "" if group is None else group,
                authored.get(voter, 0),
                len(values),
                values.count(1),
                values.count(-1),
            ] + ["" if i not in mine else mine[i] for i in comment_ids]

    write(
        "participants-votes.csv",
        PARTICIPANT_FIELDS + [str(i) for i in comment_ids],
        participant_rows(),
    )
