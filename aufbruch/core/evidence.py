"""What can be evidence for an assumption, and what the register shows of it.

Apps whose objects can be linked as evidence (a survey question, an
opinion-map statement, an idea, an event) register a source here in their
AppConfig.ready(); the assumptions app reads them without importing those
apps, and an app that is not installed simply offers no source:

    register_evidence_source(EvidenceSource(kind="idea", model=Idea, describe=fn))

``kind`` is the value of ``assumptions.models.EvidenceKind``. ``describe``
answers for many targets of the source at once (a register page costs a
few queries per kind, not per item): ``{pk: {"url": ..., ...}}``, the extra
keys being what the evidence templates show for that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models


def _always(obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class EvidenceSource:
    kind: str
    model: type[models.Model]
    describe: Callable[[list[Any]], dict[int, dict[str, Any]]]
    # Only public things can be evidence on a public page (hidden ones are
    # left out by the register itself, through their ``is_hidden``).
    is_public: Callable[[Any], bool] = _always
    select_related: tuple[str, ...] = field(default=())


_sources: dict[str, EvidenceSource] = {}


def register_evidence_source(source: EvidenceSource) -> None:
    _sources[source.kind] = source


def evidence_source(kind: str) -> EvidenceSource | None:
    return _sources.get(kind)


def evidence_kinds() -> set[str]:
    return set(_sources)
