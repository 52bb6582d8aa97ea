"""Running a statement on the psycopg connection itself, with what SQLAlchemy compiled for it.

SQLAlchemy spends about 150-200 microseconds of CPU around each statement it runs (an
execution context, a cursor, a result with its metadata), about twice what psycopg spends
sending it and reading its rows (``bench/sql_statements.py``). A bot update runs seven or eight
statements, all of them built once (``repositories/base.py``), so that overhead was about a fifth
of an update's CPU.

A ``Plan`` is made per statement object and parameter names, the second time that object runs
(one built for a single call keeps SQLAlchemy's path and its compiled cache): SQLAlchemy
compiles the statement for the dialect, and the plan keeps its SQL, its bind-parameter
processors (JSON, geography, enums) and, after the first run, its result processors and column
names. Each run then converts the parameters as SQLAlchemy would, executes on a cursor kept for
the unit of work, and maps rows to named tuples. Errors go through SQLAlchemy's own handler, so
they arrive wrapped as usual (and a lost connection is invalidated in the pool as before).

Only what the plan can run exactly as SQLAlchemy would takes this path: PostgreSQL, one set of
parameters, no Python-side column defaults, no implicit RETURNING, no execution options but
``preserve_rowcount``. Everything else (many rows at once, DDL, a connection being replaced)
goes through SQLAlchemy unchanged. Savepoints are SAVEPOINT (and ROLLBACK TO) on the same cursor.
The transaction is SQLAlchemy's: if none is begun, the runner begins it, as SQLAlchemy's
autobegin would.

It leans on a few of SQLAlchemy's internals (the compiled statement's bind and result
processors, its IN-list expansion, its DBAPI error handler), which is why pyproject.toml pins
SQLAlchemy below 2.2; the contract tests run every repository through this path on PostGIS.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NoReturn
from weakref import WeakKeyDictionary

import sqlalchemy as sa
from sqlalchemy import exc

Processor = Callable[[Any], Any] | None
HONOURED_OPTIONS = {"preserve_rowcount"}  # the row count is always kept here
PLANS_KEPT = 2_000  # prebuilt statements number in the dozens; this only bounds ad hoc ones


@dataclass
class Plan:
    sql: str
    binds: dict[str, Callable[[Any], Any]]
    escaped: dict[str, str]
    compiled: Any
    expanding: bool
    columns: tuple[Processor, ...] | None = None  # set last: a plan with columns is complete
    row: Any = None
    all_plain: bool = True

    def parameters(self, params: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
        """The SQL and its parameters for psycopg, converted as SQLAlchemy's execution does."""
        compiled = self.compiled
        values = compiled.construct_params(params, escape_names=False)
        sql, binds, escaped = self.sql, self.binds, self.escaped
        if self.expanding:  # IN lists: one placeholder per value, rendered for this call
            expanded = compiled._process_parameters_for_postcompile(values)
            sql, binds = expanded.statement, {**binds, **expanded.processors}
        if binds:
            values = {k: (binds[k](v) if k in binds else v) for k, v in values.items()}
        if escaped:
            values = {escaped.get(k, k): v for k, v in values.items()}
        return sql, values

    def learn_columns(self, cursor: Any, dialect: Any) -> None:
        """Result processors, from the column types PostgreSQL reported on the first run."""
        description = cursor.description or ()
        result_columns = self.compiled._result_columns
        processors: list[Processor] = []
        names: list[str] = []
        for index, column in enumerate(description):
            known = result_columns[index] if index < len(result_columns) else None
            names.append(column[0] if known is None else known.keyname)
            processors.append(
                None if known is None else known.type._cached_result_processor(dialect, column[1])
            )
        self.row = row_type(tuple(names))
        self.all_plain = not any(processors)
        self.columns = tuple(processors)


@dataclass(frozen=True, slots=True)
class _Sighting:
    """A statement object seen before (kept alive, so that its id() is not reused meanwhile)."""

    statement: sa.Executable
    plan: Plan | None
    planned: bool


@cache
def row_type(fields: tuple[str, ...]) -> Any:
    """A named tuple class for rows with these columns (duplicate names renamed by position)."""
    return namedtuple("Fields", fields, rename=True)


_plans: WeakKeyDictionary[Any, Plans] = WeakKeyDictionary()


def plans_for(dialect: Any) -> Plans:
    """The plans of one engine's dialect, shared by its connections and threads."""
    plans = _plans.get(dialect)
    if plans is None:
        plans = _plans.setdefault(dialect, Plans(dialect))
    return plans


class Plans:
    """Plans by statement and parameter names, for one dialect."""

    def __init__(self, dialect: Any) -> None:
        self.dialect = dialect
        self._plans: dict[tuple[int, tuple[str, ...]], _Sighting] = {}

    def for_(self, statement: sa.Executable, params: dict[str, Any] | None) -> Plan | None:
        """The statement's plan; None the first time a statement object is seen.

        A statement built for one call (an ad hoc query) is never seen twice, so it keeps
        SQLAlchemy's path and its compiled cache; the prebuilt ones are planned on their second
        run and take the direct path from then on.
        """
        names = tuple(params) if params else ()
        key = (id(statement), names)
        known = self._plans.get(key)
        if known is not None and known.statement is statement and known.planned:
            return known.plan
        if len(self._plans) >= PLANS_KEPT:
            self._plans.clear()
        if known is None or known.statement is not statement:  # new, or an id reused
            self._plans[key] = _Sighting(statement, None, planned=False)
            return None
        plan = self._make(statement, names)
        self._plans[key] = _Sighting(statement, plan, planned=True)
        return plan

    def _make(self, statement: sa.Executable, names: tuple[str, ...]) -> Plan | None:
        if not isinstance(statement, sa.sql.ClauseElement):
            return None
        if set(statement.get_execution_options()) - HONOURED_OPTIONS:
            return None  # an option only SQLAlchemy's execution would apply
        compiled: Any = statement.compile(dialect=self.dialect, column_keys=list(names))
        if (
            compiled.positional
            or compiled.insert_prefetch
            or compiled.update_prefetch
            or compiled.schema_translate_map
            or getattr(compiled, "implicit_returning", None)
        ):
            return None
        return Plan(
            sql=compiled.string,
            binds=dict(compiled._bind_processors),
            escaped=dict(compiled.escaped_bind_names or {}),
            compiled=compiled,
            expanding=bool(compiled.literal_execute_params or compiled.post_compile_params),
        )


class DirectResult:
    """The part of SQLAlchemy's Result the repositories use, over rows already fetched."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if len(self._rows) != 1:
            if not self._rows:
                raise exc.NoResultFound("No row was found when one was required")
            raise exc.MultipleResultsFound("Multiple rows were found when exactly one was required")
        return self._rows[0]

    def one_or_none(self) -> Any:
        if len(self._rows) > 1:
            raise exc.MultipleResultsFound("Multiple rows were found when one or none was required")
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalar_one_or_none(self) -> Any:
        row = self.one_or_none()
        return None if row is None else row[0]

    def scalars(self) -> DirectResult:
        return DirectResult([row[0] for row in self._rows], self.rowcount)


class DirectRunner:
    """Runs planned statements on one SQLAlchemy connection's psycopg connection."""

    def __init__(self, connection: sa.Connection, plans: Plans) -> None:
        self._connection = connection
        self._plans = plans
        self._cursor: Any = None
        self._depth = 0  # savepoints open

    def run(self, statement: sa.Executable, params: Any) -> DirectResult | None:
        """The result, or None when SQLAlchemy must run this one itself."""
        connection = self._connection
        if (params is not None and not isinstance(params, dict)) or connection.invalidated:
            return None  # many rows at once (executemany), or a connection to be replaced
        plan = self._plans.for_(statement, params)
        if plan is None:
            return None
        sql, values = plan.parameters(params)
        cursor = self._execute(sql, values)
        try:
            if cursor.pgresult.nfields == 0:  # no rows to read (cursor.description is dearer)
                return DirectResult([], cursor.rowcount)
            if plan.columns is None:
                plan.learn_columns(cursor, self._plans.dialect)
            raw = cursor.fetchall()
        except Exception as error:
            self._failed(error, sql, values, cursor)
        make = plan.row._make
        if plan.all_plain:
            rows = [make(r) for r in raw]
        else:
            processors = plan.columns or ()
            rows = [make([v if p is None else p(v) for p, v in zip(processors, r, strict=True)])
                    for r in raw]
        return DirectResult(rows, cursor.rowcount)

    def command(self, sql: str) -> None:
        """A statement without parameters or rows (SAVEPOINT and its like)."""
        self._execute(sql, None)

    def savepoint(self) -> DirectSavepoint:
        savepoint = DirectSavepoint(self, f"ns_savepoint_{self._depth + 1}")
        self._depth += 1
        return savepoint

    def _execute(self, sql: str, values: dict[str, Any] | None) -> Any:
        connection = self._connection
        if not connection.in_transaction():
            connection.begin()  # as SQLAlchemy's autobegin would: the unit of work commits it
        cursor = self._cursor
        try:
            driver: Any = connection.connection.driver_connection
            if cursor is None or cursor.connection is not driver:
                cursor = self._cursor = driver.cursor()
            cursor.execute(sql, values)
        except Exception as error:
            self._failed(error, sql, values, cursor)
        return cursor

    def _failed(self, error: Exception, sql: str, values: Any, cursor: Any) -> NoReturn:
        """Wrapped (and the connection invalidated if it was lost) as SQLAlchemy does."""
        self._cursor = None
        self._connection._handle_dbapi_exception(error, sql, values, cursor, None)
        raise error  # not reached: SQLAlchemy's handler always raises


class DirectSavepoint:
    """SAVEPOINT, then ROLLBACK TO on failure: what ``Connection.begin_nested`` does, with the
    runner's cursor instead of SQLAlchemy's statement path.

    A savepoint that succeeds is not released: COMMIT ends it with the transaction, one round
    trip fewer per use case. RELEASE would not give its subtransaction id back either (a
    released savepoint's id stays with the transaction until it ends), and a later savepoint
    of the same name shadows it, so ROLLBACK TO always reaches the newest of that name, which
    is the innermost still open."""

    def __init__(self, runner: DirectRunner, name: str) -> None:
        self._runner = runner
        self._name = name
        self.is_active = True
        runner.command(f"SAVEPOINT {name}")

    def commit(self) -> None:
        self._end()

    def rollback(self) -> None:
        self._end()
        self._runner.command(f"ROLLBACK TO SAVEPOINT {self._name}")

    def _end(self) -> None:
        self.is_active = False
        self._runner._depth -= 1
