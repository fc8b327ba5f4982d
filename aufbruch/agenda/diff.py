"""The word diff moved to ``aufbruch.core.diff`` (ideas' version history uses it too)."""

from aufbruch.core.diff import DiffResult, word_diff

__all__ = ["DiffResult", "word_diff"]
