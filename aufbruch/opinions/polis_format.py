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


class PolisFormatError(ValueError):
    """A Pol.is export that cannot be read: names the file and, where known, the line."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")


def _rows(folder: Path, name: str, required: list[str]):
    """(line number, row as dict) for every data row of a CSV file, after
    checking that the header has the required columns."""
    path = folder / name
    try:
        fh = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise PolisFormatError(name, None, f"cannot be opened ({exc.strerror})") from exc
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
            if header is None:
                raise PolisFormatError(name, 1, "the file is empty")
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                raise PolisFormatError(name, 1, f"column(s) missing: {', '.join(missing)}")
            line = reader.line_num + 1
            for row in reader:
                if row and any(cell.strip() for cell in row):
                    if len(row) > len(header):
                        raise PolisFormatError(
                            name, line, f"{len(row)} values but {len(header)} columns"
                        )
                    yield line, header, dict(zip(header, row, strict=False))
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise PolisFormatError(name, None, "not UTF-8 text") from exc
        except csv.Error as exc:
            raise PolisFormatError(name, reader.line_num, f"not valid CSV ({exc})") from exc


def _int(value: str | None, name: str, line: int, column: str, allowed=None) -> int:
    text = (value or "").strip()
    try:
        number = int(text)
    except ValueError:
        try:  # some exports write votes as 1.0
            as_float = float(text)
        except ValueError:
            as_float = None
        if as_float is None or not as_float.is_integer():
            raise PolisFormatError(
                name, line, f"{column} must be a whole number, not {text[:40]!r}"
            ) from None
        number = int(as_float)
    if allowed is not None and number not in allowed:
        raise PolisFormatError(
            name,
            line,
            f"{column} must be one of {', '.join(str(a) for a in sorted(allowed))}, not {text[:40]!r}",
        )
    return number


VOTE_VALUES = {-1, 0, 1}


def read_conversation(directory: Path | str) -> PolisConversation:
    """Read and check a Pol.is export folder. Votes come from votes.csv (the
    latest vote per participant and statement wins) or, when the folder has no
    votes.csv, from the final votes in participants-votes.csv. Raises
    PolisFormatError naming the file and line of the first problem."""
    folder = Path(directory)
    if not folder.is_dir():
        raise PolisFormatError(str(folder), None, "not a folder")
    conv = PolisConversation()
    if (folder / "summary.csv").exists():
        try:
            with open(folder / "summary.csv", newline="", encoding="utf-8-sig") as fh:
                conv.summary = {
                    row[0]: unescape_cell(row[1]) for row in csv.reader(fh) if len(row) >= 2
                }
        except (UnicodeDecodeError, csv.Error) as exc:
            raise PolisFormatError("summary.csv", None, f"not readable ({exc})") from exc
    if not (folder / "comments.csv").exists():
        raise PolisFormatError("comments.csv", None, "missing: not a Pol.is export folder")
    has_votes = (folder / "votes.csv").exists()
    has_matrix = (folder / "participants-votes.csv").exists()
    if not has_votes and not has_matrix:
        raise PolisFormatError(
            "votes.csv", None, "missing, and there is no participants-votes.csv either"
        )
    seen_ids: set[int] = set()
    for line, _header, row in _rows(
        folder, "comments.csv", ["comment-id", "author-id", "moderated", "comment-body"]
    ):
        cid = _int(row["comment-id"], "comments.csv", line, "comment-id")
        if cid in seen_ids:
            raise PolisFormatError("comments.csv", line, f"comment-id {cid} appears twice")
        seen_ids.add(cid)
        moderated = _int(row["moderated"], "comments.csv", line, "moderated", {-1, 0, 1})
        stamp = (row.get("timestamp") or "").strip()
        conv.comments.append(
            PolisComment(
                comment_id=cid,
                author_id=_int(row["author-id"], "comments.csv", line, "author-id"),
                state=MODERATED[str(moderated)],
                text=unescape_cell(row["comment-body"] or ""),
                timestamp=_int(stamp, "comments.csv", line, "timestamp") if stamp else 0,
            )
        )
    conv.comments.sort(key=lambda c: c.comment_id)
    if has_votes:
        latest: dict[tuple[int, int], tuple[int, int]] = {}
        for line, _header, row in _rows(folder, "votes.csv", ["comment-id", "voter-id", "vote"]):
            comment = _int(row["comment-id"], "votes.csv", line, "comment-id")
            if comment not in seen_ids:
                raise PolisFormatError(
                    "votes.csv", line, f"comment-id {comment} is not in comments.csv"
                )
            key = (_int(row["voter-id"], "votes.csv", line, "voter-id"), comment)
            value = _int(row["vote"], "votes.csv", line, "vote", VOTE_VALUES)
            stamp_text = (row.get("timestamp") or "").strip()
            stamp = _int(stamp_text, "votes.csv", line, "timestamp") if stamp_text else 0
            if key not in latest or latest[key][0] <= stamp:
                latest[key] = (stamp, value)
        conv.votes = {key: value for key, (_stamp, value) in latest.items()}
    if has_matrix:
        matrix_votes = _read_participants_votes(folder, conv, seen_ids)
        if not has_votes:
            conv.votes = matrix_votes
    return conv


def _read_participants_votes(folder: Path, conv: PolisConversation, comment_ids: set[int]):
    name = "participants-votes.csv"
    votes: dict[tuple[int, int], int] = {}
    columns: list[tuple[str, int]] | None = None
    for line, header, row in _rows(folder, name, ["participant", "group-id"]):
        if columns is None:
            columns = []
            for h in header:
                if h in PARTICIPANT_FIELDS:
                    continue
                cid = _int(h, name, 1, f"column {h!r} (a comment-id)")
                if cid not in comment_ids:
                    raise PolisFormatError(name, 1, f"comment-id {cid} is not in comments.csv")
                columns.append((h, cid))
        voter = _int(row["participant"], name, line, "participant")
        if voter in conv.groups:
            raise PolisFormatError(name, line, f"participant {voter} appears twice")
        group = (row.get("group-id") or "").strip()
        conv.groups[voter] = _int(group, name, line, "group-id") if group else None
        for h, cid in columns:
            cell = (row.get(h) or "").strip()
            if cell:
                votes[(voter, cid)] = _int(cell, name, line, f"vote on comment {cid}", VOTE_VALUES)
    return votes


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
