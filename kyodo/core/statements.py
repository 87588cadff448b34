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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import NotSupportedError, connections, models
from django.db.models import signals
from django.db.models.query import DEFAULT_FETCH_MODE, get_related_populators
from django.db.models.sql import InsertQuery


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

    def _send(self, using: str, values: dict) -> tuple[_Compiled, Any]:
        """The statement executed with ``values``: its compilation and the open cursor holding
        its result (inside :func:`pipelined`, the result to come)."""
        if values.keys() != self.samples.keys():
            raise TypeError(f"Prepared: expected {sorted(self.samples)}, got {sorted(values)}")
        compiled = self._compile(using)
        params = list(compiled.params)
        for place, name, adapt in compiled.slots:
            params[place] = adapt(values[name])
        cursor = connections[using].cursor()
        try:
            cursor.execute(compiled.sql, params)
        except BaseException:
            cursor.close()
            raise
        return compiled, cursor

    def _fetch(self, using: str, compiled: _Compiled, cursor) -> list[list]:
        """The rows of a sent statement, converted; the cursor closed."""
        connection = connections[using]
        with cursor:
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:
            for position, (functions, expression) in compiled.converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
        return rows

    def _execute(self, using: str, values: dict) -> tuple[_Compiled, list[list]]:
        compiled, cursor = self._send(using, values)
        return compiled, self._fetch(using, compiled, cursor)

    def rows(self, using: str = "default", **values) -> list[tuple]:
        """The rows of a ``values_list()`` query, converted as Django converts them."""
        return [tuple(row) for row in self._execute(using, values)[1]]

    def objects(self, using: str = "default", **values) -> list:
        """Model instances, with annotations and ``select_related`` objects, as the queryset
        would give them."""
        return self._objects(using, *self._execute(using, values))

    def _objects(self, using: str, compiled: _Compiled, rows: list[list]) -> list:
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
        return self.first_later(using, **values)()

    def first_later(self, using: str = "default", **values) -> Callable[[], Any]:
        """:meth:`first`, its statement sent now and its result read by calling what this
        returns: inside :func:`pipelined`, after the block. Call it once."""
        compiled, cursor = self._send(using, values)

        def result():
            found = self._objects(using, compiled, self._fetch(using, compiled, cursor))
            return found[0] if found else None

        return result


@contextmanager
def pipelined(using: str = "default") -> Iterator[None]:
    """The statements sent inside the block go to PostgreSQL together and are answered
    together (psycopg's pipeline mode): one round trip for all of them, including the
    transaction's ``BEGIN``. Each still runs on its own, in order, with its own snapshot, as if
    sent one by one; a failing one fails the block, the ones after it are not run. Their results
    are read after the block (:meth:`Prepared.first_later`, a cursor's ``fetchone()``): reading
    one inside waits for everything sent so far. Elsewhere (SQLite) statements run one at a
    time as usual."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    # What fails is raised as Django's error, as a statement run alone would be.
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield


# --- INSERT ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Insert:
    sql: str
    fields: tuple  # the columns written, in the statement's order
    returning: tuple  # the columns the statement gives back (the id), set on the object
    converters: tuple  # Django's converters of the returned columns (none for an integer id)


_INSERTS: dict[tuple, _Insert] = {}
_INSERTS_LOCK = threading.Lock()


def insert(obj: models.Model, using: str = "default") -> models.Model:
    """``obj.save()`` for a new row, its INSERT compiled once per model, database and backend.

    What the ORM does on save for a new row is done here too: ``pre_save`` and ``post_save``
    signals, defaults and each field's ``pre_save`` (``auto_now_add``), each value prepared by
    its field as the backend wants it, the returned id set on the object, which is then no
    longer "adding". Models whose saving does more than write one row are refused
    (``TypeError``): their own ``save()``, a parent model, ``order_with_respect_to``. A value
    that is an expression (the database's default, an F()) goes through ``obj.save()``.
    """
    prepared = _prepare_insert(obj, using)
    if prepared is not None:  # None: saved by obj.save()
        _execute_insert(obj, *prepared, using)
    return obj


def insert_together(
    objs: list[models.Model], using: str = "default", *, wait: bool = True
) -> list[models.Model]:
    """:func:`insert` for each of ``objs``, in one statement on PostgreSQL (``WITH … AS (INSERT
    …) …``: one round trip instead of one each). The rows are written as one statement writes
    them, all seeing the database as it was before it: none may need another's id from the
    database (set the id a later row refers to beforehand, as an application does with the id
    its count of places draws). Elsewhere one :func:`insert` each, in order; a row that
    :func:`insert` writes otherwise (through ``save()``, or returning more than its id) is
    written on its own.

    ``wait=False``, for rows that all have their ids already (drawn with :func:`next_id_sql`):
    on PostgreSQL the one statement is sent and its answer not waited for, so that inside
    :func:`pipelined` it goes to the server with what follows it (the transaction's commit) in
    one round trip; an error it meets is raised by what waits next (the commit)."""
    connection = connections[using]
    if not wait and any(not obj._is_pk_set() for obj in objs):
        raise ValueError("insert_together(wait=False): every row needs its id beforehand")
    if connection.vendor != "postgresql" or len(objs) < 2:
        return [insert(obj, using) for obj in objs]
    together = []
    for obj in objs:
        prepared = _prepare_insert(obj, using)
        if prepared is None:  # saved by obj.save()
            continue
        compiled, params = prepared
        if (
            len(compiled.returning) != 1
            or compiled.converters
            or not compiled.sql.startswith("INSERT ")
        ):
            _execute_insert(obj, compiled, params, using)
        else:
            together.append((obj, compiled, params))
    if len(together) < 2:
        for row in together:
            _execute_insert(*row, using)
        return objs
    names = [f"kyodo_row_{n}" for n in range(len(together))]
    sql = (
        "WITH "
        + ", ".join(
            f"{name} AS ({compiled.sql})"
            for name, (_obj, compiled, _params) in zip(names, together, strict=True)
        )
        + " SELECT "
        + ", ".join(f"(SELECT * FROM {name})" for name in names)
    )
    params = [param for _obj, _compiled, row_params in together for param in row_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = cursor.fetchone() if wait else [obj.pk for obj, _c, _p in together]
    for (obj, compiled, _params), value in zip(together, ids, strict=True):
        _finish_insert(obj, compiled, (value,), using)
    return objs


def next_id_sql(model: type[models.Model], using: str = "default") -> tuple[str, list]:
    """A column (SQL and its parameters) giving an id for a new row of ``model``, for a row
    written by :func:`insert_together` whose id the others refer to: PostgreSQL draws it from
    the id's sequence (never given twice, a gap if the row is not written); SQLite gives the
    table's highest id ever plus one (``AUTOINCREMENT``), right only inside a transaction that
    holds the write lock from its start (Kyodo's ``BEGIN IMMEDIATE``)."""
    connection = connections[using]
    meta = model._meta
    if connection.vendor == "postgresql":
        return "nextval(pg_get_serial_sequence(%s, %s))", [
            connection.ops.quote_name(meta.db_table),
            meta.pk.column,
        ]
    return "(SELECT COALESCE(MAX(seq), 0) + 1 FROM sqlite_sequence WHERE name = %s)", [
        meta.db_table
    ]


def _prepare_insert(obj: models.Model, using: str) -> tuple[_Insert, list] | None:
    """What happens before the INSERT: the compiled statement and its parameters, after the
    ``pre_save`` signal and the fields' ``pre_save``; None once ``obj.save()`` has saved it (a
    value that is an expression). Refuses what :func:`insert` refuses."""
    model = type(obj)
    meta = model._meta
    if not obj._state.adding:
        raise ValueError(f"insert: {model.__name__} {obj.pk} is already stored")
    if model.save is not models.Model.save or meta.parents or meta.order_with_respect_to:
        raise TypeError(f"insert: saving {model.__name__} does more than write one row")
    if any(
        hasattr(obj.__dict__.get(field.attname), "resolve_expression")
        for field in meta.local_concrete_fields
    ):
        obj.save(force_insert=True, using=using)
        return None
    obj._prepare_related_fields_for_save(operation_name="save")
    if signals.pre_save.has_listeners(model):
        signals.pre_save.send(
            sender=model, instance=obj, raw=False, using=using, update_fields=None
        )
    if not obj._is_pk_set(meta):
        setattr(obj, meta.pk.attname, meta.pk.get_pk_value_on_save(obj))
    connection = connections[using]
    key = (model, obj._is_pk_set(meta), using, connection.vendor)
    compiled = _INSERTS.get(key) or _compile_insert(key, obj, connection)
    values = [field.pre_save(obj, add=True) for field in compiled.fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        raise TypeError(f"insert: an expression was given for {model.__name__} by pre_save")
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(compiled.fields, values, strict=True)
    ]
    return compiled, params


def _execute_insert(obj: models.Model, compiled: _Insert, params: list, using: str) -> None:
    """One prepared INSERT on its own, then :func:`_finish_insert`."""
    with connections[using].cursor() as cursor:
        cursor.execute(compiled.sql, params)
        row = cursor.fetchone() if compiled.returning else ()
    _finish_insert(obj, compiled, row, using)


def _finish_insert(obj: models.Model, compiled: _Insert, row, using: str) -> None:
    """What happens after the INSERT: the returned columns set, the object stored, ``post_save``."""
    connection = connections[using]
    row = list(row)
    for position, (functions, expression) in compiled.converters:
        for convert in functions:
            row[position] = convert(row[position], expression, connection)
    for field, value in zip(compiled.returning, row, strict=True):
        setattr(obj, field.attname, value)
    obj._state.adding = False
    obj._state.db = using
    model = type(obj)
    if signals.post_save.has_listeners(model):
        signals.post_save.send(
            sender=model, instance=obj, created=True, update_fields=None, raw=False, using=using
        )


def _compile_insert(key: tuple, obj: models.Model, connection) -> _Insert:
    """The statement Django writes for ``obj``: kept when every value is one plain parameter and
    the ids come back from the INSERT itself (``RETURNING``, SQLite and PostgreSQL)."""
    model, pk_set = key[0], key[1]
    meta = model._meta
    fields = [
        field
        for field in meta.local_concrete_fields
        if not field.generated and (pk_set or field is not meta.auto_field)
    ]
    returning = list(meta.db_returning_fields)
    if returning and not connection.features.can_return_columns_from_insert:
        raise TypeError(f"insert: {connection.vendor} cannot return the new row's id")
    query = InsertQuery(model)
    query.insert_values(fields, [obj])
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = returning
    with _INSERTS_LOCK:
        ((sql, params),) = compiler.as_sql()
        if len(params) != len(fields) or sql.count("%s") != len(fields):
            raise TypeError(f"insert: {model.__name__}'s INSERT is not one parameter per column")
        columns = [field.get_col(meta.db_table) for field in returning]
        # Not the compiler itself: it holds the first object written (someone's application).
        converters = tuple(compiler.get_converters(columns).items())
        compiled = _Insert(sql, tuple(fields), tuple(returning), converters)
        _INSERTS[key] = compiled
    return compiled


# --- prepared on the server (PostgreSQL, DB_PREPARED_STATEMENTS) --------------------------------


def is_stale_prepared_statement(exc: BaseException) -> bool:
    """PostgreSQL: a statement prepared on its connection reads a column whose type a migration
    has changed since; it fails on every run until the connection is replaced."""
    return isinstance(exc, NotSupportedError) and "cached plan must not change result type" in str(
        exc
    )


def replace_after_stale_plans(execute, sql, params, many, context):
    """An execute wrapper (installed by ``kyodo.core.backends.postgresql``): a connection whose
    prepared statements a migration made stale is marked obsolete, so Django closes it at the
    end of the request, or before the task worker's next task, and the next one prepares its
    statements again."""
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as exc:
        if is_stale_prepared_statement(exc):
            context["connection"].close_at = time.monotonic()
        raise
