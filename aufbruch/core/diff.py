"""Word-level differences between two wordings, as accessible HTML.

Insertions are ``<ins>``, deletions ``<del>``; each carries a visually hidden
label ("eingefügt:", "gestrichen:") because screen readers do not announce
the two elements by default.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_TOKEN = re.compile(r"\s+|[^\s]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


@dataclass(frozen=True)
class DiffResult:
    html: SafeString
    inserted: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


def word_diff(old: str, new: str) -> DiffResult:
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    ins_label = escape(_("inserted:"))
    del_label = escape(_("deleted:"))
    end_label = escape(_("end of change"))
    out: list[str] = []
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            removed = "".join(a[i1:i2])
            deleted += sum(1 for t in a[i1:i2] if not t.isspace())
            out.append(
                f'<del><span class="ab-visually-hidden">{del_label} </span>{escape(removed)}'
                f'<span class="ab-visually-hidden"> ({end_label})</span></del>'
            )
        if op in ("insert", "replace"):
            added = "".join(b[j1:j2])
            inserted += sum(1 for t in b[j1:j2] if not t.isspace())
            out.append(
                f'<ins><span class="ab-visually-hidden">{ins_label} </span>{escape(added)}'
                f'<span class="ab-visually-hidden"> ({end_label})</span></ins>'
            )
    return DiffResult(html=mark_safe("".join(out)), inserted=inserted, deleted=deleted)  # noqa: S308 - every piece is escaped above
