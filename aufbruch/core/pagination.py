"""Pages of a list shaped like Django's Page for `core/_pagination.html`,
for lists that are not counted exactly (keyset or "one more row" paging)."""

from __future__ import annotations

from dataclasses import dataclass


class PageLinks:
    """Previous/next for anything with `number` and `has_next`."""

    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class PageWindow(PageLinks):
    number: int
    has_next: bool
