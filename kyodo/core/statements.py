"""Queries that run on most requests, compiled to SQL once per process.

Django builds and compiles a queryset anew each time it runs. For the signed-in person's row
with their roles that costs about 1 ms on this machine's CPU, against 0.05 ms for SQLite to run
the statement; a session's row costs 0.2 ms to compile. :class:`Prepared` keeps the SQL of one
queryset and runs it again with new parameter values::

    SESSION = Prepared(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
        key="sample", now=datetime(2000, 1, 1, tzinfo=UTC),
    )
    session = SESSION.first(key=request_key, now=timezone.now())

``build`` is a function from the parameters (keyword arguments) to a queryset; it is compiled
on first use with the sample values, and once more per parameter with that parameter changed,
to find where each one lands among the statement's parameters and how the database backend
adapts it (a date becomes text on SQLite). Anything that does not simply become one parameter
(a list for ``__in``, a pattern for ``__contains``, a slice, a value that changes the SQL text)
is refused there, with ``ValueError``: a mistake shows in the first test that runs the query,
never as a wrong answer. Results are what the queryset gives: model instances with their
annotations and ``select_related`` objects (:meth:`objects`), or rows of a ``values_list()``
(:meth:`rows`), through the same converters.

Use it for the statements of the pages people open most (every signed-in request's session
and user, the public pages, the staff and member start pages): there, building and compiling
was most of what a query cost. Elsewhere plain querysets read better and cost little. A
statement is a module-level constant next to the code that reads it, its ``build`` the queryset
it replaced. Statements are kept per database alias and backend; they run through Django's
cursor, so query counting, ``execute_wrapper`` and transactions see them as usual.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models.query import DEFAULT_FETCH_MODE, get_related_populators


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[int, str, Callable[[Any], Any]], ...]
    compiler: Any  # the first compilation: select, klass_info, annotation columns
    converters: tuple  # (position, (functions, expression)) as Django's results_iter uses them


def _changed(sample):
    """A value of the same type as ``sample`` that differs from it."""
    if isinstance(sample, bool):
        return not sample
    if isinstance(sample, int):
        return sample + 1
    if isinstance(sample, str):
        return sample + "~"
    if isinstance(sample, (datetime.date, datetime.datetime)):
        return sample + datetime.timedelta(days=1)
    raise ValueError(f"Prepared: unsupported parameter type {type(sample).__name__}")


def _adapter(connection, sample, param) -> Callable[[Any], Any]:
    """How the backend turned ``sample`` into the statement parameter ``param``."""
    ops = connection.ops
    candidates = [lambda value: value]
    if isinstance(sample, datetime.datetime):
        candidates.append(ops.adapt_datetimefield_value)
    elif isinstance(sample, datetime.date):
        candidates.append(ops.adapt_datefield_value)
    candidates.append(str)
    if isinstance(sample, int) and isinstance(param, int):
        candidates.append(type(param))  # psycopg's Int2/Int4/Int8 for typed integer columns
    for adapt in candidates:
        if adapt(sample) == param and type(adapt(sample)) is type(param):
            return adapt
    raise ValueError(f"Prepared: {sample!r} became {param!r}, which cannot be reproduced")


class Prepared:
    """One queryset, compiled once per process and database, run with new parameter values."""

    def __init__(self, build: Callable[..., Any], /, **samples):
        self.build = build
        self.samples = samples
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, using: str) -> _Compiled:
        connection = connections[using]
        key = (using, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        with self._lock:
            compiler = self.build(**self.samples).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = []
            for name, sample in self.samples.items():
                changed = {**self.samples, name: _changed(sample)}
                other_sql, other_params = (
                    self.build(**changed).query.get_compiler(using=using).as_sql()
                )
                if other_sql != sql or len(other_params) != len(params):
                    raise ValueError(f"Prepared: parameter {name!r} changes the SQL text")
                places = [
                    i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b
                ]
                if not places:
                    raise ValueError(f"Prepared: parameter {name!r} is not in the statement")
                slots += [(i, name, _adapter(connection, sample, params[i])) for i in places]
            fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
            converters = tuple(compiler.get_converters(fields).items())
            compiled = _Compiled(sql, tuple(params), tuple(slots), compiler, converters)
            self._compiled[key] = compiled
            return compiled

    def _execute(self, using: str, values: dict) -> tuple[_Compiled, list[list]]:
        if values.keys() != self.samples.keys():
            raise TypeError(f"Prepared: expected {sorted(self.samples)}, got {sorted(values)}")
        compiled = self._compile(using)
        params = list(compiled.params)
        for place, name, adapt in compiled.slots:
            params[place] = adapt(values[name])
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:
            for position, (functions, expression) in compiled.converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
        return compiled, rows

    def rows(self, using: str = "default", **values) -> list[tuple]:
        """The rows of a ``values_list()`` query, converted as Django converts them."""
        return [tuple(row) for row in self._execute(using, values)[1]]

    def objects(self, using: str = "default", **values) -> list:
        """Model instances, with annotations and ``select_related`` objects, as the queryset
        would give them."""
        compiled, rows = self._execute(using, values)
        compiler = compiled.compiler
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [selected[0].target.attname for selected in select[start:end]]
        model = klass_info["model"]
        populators = get_related_populators(klass_info, select, using, DEFAULT_FETCH_MODE)
        objects = []
        for row in rows:
            obj = model.from_db(using, init_list, row[start:end], fetch_mode=DEFAULT_FETCH_MODE)
            for populator in populators:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects

    def first(self, using: str = "default", **values):
        """The first object, or None (the queryset should be limited or unique)."""
        found = self.objects(using, **values)
        return found[0] if found else None
