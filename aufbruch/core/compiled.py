"""Querysets compiled to SQL once per process, then run with each request's ids.

Building and compiling a queryset costs Django far more than running it: the
logged-in idea page's head query (the idea with the viewer's support and
follow state) took ~2.5 ms of CPU to build and compile and ~0.3 ms to run on
the 2-core bench machine (docs/performance.md). A hot query that differs per
request only in a few ids is built once per ``shape`` with stand-in ids,
compiled, and then run as raw SQL with the real ids in their places:

    HEAD = CompiledQuery(lambda shape, user_id, pk: Idea.objects.filter(...))
    rows = HEAD.run(shape, user_id=request.user.pk, pk=pk)

Only integer ids compared for equality may be stand-ins (a stand-in must
reach the SQL parameters unchanged). ``shape`` names everything else that
changes the query (e.g. what the viewer may see); it is part of the key with
the database's vendor. A ``values()`` queryset gives dicts and any other
model instances with the annotations as attributes, converted and built as
the queryset itself would (without select_related()).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Far below any id a database hands out, and distinct from each other.
_STANDIN_BASE = -987_650_000


@dataclass(frozen=True)
class _Compiled:
    model: type[Model]
    sql: str
    slots: list[tuple[str | None, Any]]  # (stand-in name or None, the value kept)
    db: str
    compiler: Any
    columns: list[str] | None  # values(): the dicts' keys
    init_names: list[str]  # otherwise: the model's fields selected,
    model_columns: tuple[int, int]  # at these positions of a row,
    annotations: list[tuple[str, int]]  # and its annotations


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, shape: Hashable, names: tuple[str, ...]) -> _Compiled:
        standins = {name: _STANDIN_BASE - i for i, name in enumerate(names)}
        qs = self.build(shape, **standins)
        compiler = qs.query.get_compiler(using=qs.db)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in standins.items()}
        slots = [(by_value.get(p) if isinstance(p, int) else None, p) for p in params]
        missing = set(names) - {name for name, _value in slots if name}
        if missing:
            raise ValueError(f"stand-ins not found in the SQL parameters: {sorted(missing)}")
        columns, init_names, model_columns, annotations = None, [], (0, 0), []
        if qs._fields is not None:  # values(): the names ValuesIterable gives the columns
            query = qs.query
            columns = list(query.selected or ())
            columns = columns or [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        else:
            info = compiler.klass_info
            if info.get("related_klass_infos"):
                raise ValueError("a compiled query cannot select_related()")
            fields = info["select_fields"]
            model_columns = (fields[0], fields[-1] + 1)
            selected = compiler.select[model_columns[0] : model_columns[1]]
            init_names = [col.target.attname for col, *_rest in selected]
            annotations = list(compiler.annotation_col_map.items())
        return _Compiled(
            qs.model, sql, slots, qs.db, compiler, columns, init_names, model_columns, annotations
        )

    def run(self, shape: Hashable, **ids: int) -> list:
        names = tuple(sorted(ids))
        key = (shape, names, connections["default"].vendor)
        c = self._compiled.get(key)
        if c is None:
            c = self._compiled[key] = self._compile(shape, names)
        params = [ids[name] if name else value for name, value in c.slots]
        with connections[c.db].cursor() as cursor:
            cursor.execute(c.sql, params)
            fetched = cursor.fetchall()
        # The compiler's converters (e.g. SQLite's dates), as the queryset applies them.
        rows = c.compiler.results_iter(results=[fetched])
        if c.columns is not None:
            return [dict(zip(c.columns, row, strict=True)) for row in rows]
        # As ModelIterable builds them (a queryset without select_related).
        start, end = c.model_columns
        out = []
        for row in rows:
            obj = c.model.from_db(c.db, c.init_names, row[start:end])
            for name, position in c.annotations:
                setattr(obj, name, row[position])
            out.append(obj)
        return out
