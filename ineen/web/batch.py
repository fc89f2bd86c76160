"""Several independent reads in one database round trip (issue 12: Mijn werk asks a dozen apps for their
work items; a round trip each made it the slowest page).

``fetch([qs1, qs2, ...])`` returns ``[list(qs1), list(qs2), ...]`` from ONE statement:

    SELECT 0, w.col1, w.col2, NULL FROM (<sql of qs1>) w
    UNION ALL SELECT 1, w.col1, NULL, w.col2 FROM (<sql of qs2>) w ...

Each queryset's columns are placed in the UNION's columns by type, after a leading part number, so a UNION
column never mixes types and the rows are split per queryset; parts share the columns of a type (a row
belongs to one part), so the statement is as wide as the widest mix of types, not the sum of all parts.
Inside a subquery in FROM each part keeps its ORDER BY and LIMIT (SQLite refuses them directly in a
compound statement; neither database flattens a subquery that sorts or limits, so its rows come out in its
order). The rows of a part are then converted by that queryset's own compiler (``results_iter``, as
``values_list`` does), so UUIDs, dates, datetimes, decimals and booleans come back typed on SQLite and
PostgreSQL alike.

Columns are shared by database type on both backends. PostgreSQL resolves the type of each column of
``A UNION ALL B UNION ALL C`` pair by pair (``NULL UNION NULL`` is already text), so the NULLs that fill a
part's unused columns are cast to the column's type there. SQLite needs no casts, but its driver converts a
whole column by the type declared for it in the first part (Django registers converters for datetime, date,
bool…): a column holding one part's datetimes and another's names would turn the names into None.

Only ``values_list`` querysets (plain, flat or named): they have no model to build and no related objects
to fetch. A part that cannot match anything (``.none()``, an empty ``__in``) costs no SQL; one part alone
runs as itself.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, NamedValuesListIterable, ValuesListIterable
from django.db.models.utils import create_namedtuple_class


class _Part:
    def __init__(self, index: int, queryset: QuerySet[Any]) -> None:
        iterable = queryset._iterable_class
        if iterable not in (ValuesListIterable, FlatValuesListIterable, NamedValuesListIterable):
            raise TypeError("batch.fetch takes values_list() querysets only")
        self.index = index
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        # Every column named (col1, col2… or the annotation's name), so the outer SELECT can place it.
        # Raises EmptyResultSet when nothing can match.
        self.sql, self.params = self.compiler.as_sql(with_col_aliases=True)
        if self.compiler.has_extra_select:
            # DISTINCT ordered by a column it does not select adds that column: select it instead.
            raise ValueError("batch.fetch: a DISTINCT part orders by a column it does not select")
        self.width = self.compiler.col_count
        self.names = [alias for _expression, _sql, alias in self.compiler.select]

    def types(self) -> list[tuple[str, str]]:
        """Per column: its database type (which columns may share), and the type to CAST a NULL to."""
        connection = self.compiler.connection
        found = []
        for expression, _sql, _alias in self.compiler.select:
            field = expression.output_field
            cast = field.cast_db_type(connection)
            # Not the cast type alone: SQLite casts dates and datetimes both to TEXT.
            found.append((field.db_type(connection) or cast, cast))
        return found

    def rows(self, raw: list[tuple[Any, ...]]) -> list[Any]:
        rows = self.compiler.results_iter(results=[raw], tuple_expected=True)
        iterable = self.queryset._iterable_class
        if iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if iterable is NamedValuesListIterable:
            query = self.queryset.query
            names = self.queryset._fields or [*query.extra_select, *query.values_select, *query.annotation_select]
            named = create_namedtuple_class(*names)
            return [tuple.__new__(named, row) for row in rows]
        return list(rows)


def _slots(parts: list[_Part]) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """The UNION's columns after the part number, and where each part's columns go. Parts share columns
    of the same type (a row belongs to one part), so the statement is as wide as the widest mix of types,
    not the sum of all parts: less to plan and to send."""
    slots: list[tuple[str, str]] = []
    places = []
    for part in parts:
        used: dict[tuple[str, str], int] = {}
        place = []
        for kind in part.types():
            nth = used.get(kind, 0)
            used[kind] = nth + 1
            matching = [i for i, slot in enumerate(slots) if slot == kind]
            if nth == len(matching):
                slots.append(kind)
                matching.append(len(slots) - 1)
            place.append(matching[nth])
        places.append(place)
    return slots, places


def fetch(querysets: Sequence[QuerySet[Any]]) -> list[list[Any]]:
    """The rows of each queryset, in its order, as ``list(queryset)`` gives them, from one statement.
    All querysets read the same database."""
    results: list[list[Any]] = [[] for _ in querysets]
    parts = []
    for index, queryset in enumerate(querysets):
        if queryset._result_cache is not None or queryset.query.is_empty():
            results[index] = list(queryset)  # no SQL: already read, or .none()
            continue
        try:
            parts.append(_Part(index, queryset))
        except EmptyResultSet:
            continue
    if not parts:
        return results
    using = {part.queryset.db for part in parts}
    if len(using) != 1:
        raise ValueError("batch.fetch: all querysets must read the same database")
    connection = connections[using.pop()]
    if len(parts) == 1:
        (part,) = parts
        with connection.cursor() as cursor:
            cursor.execute(part.sql, part.params)
            results[part.index] = part.rows(cursor.fetchall())
        return results
    slots, places = _slots(parts)
    typed = connection.vendor != "sqlite"  # SQLite needs no casts for a UNION
    quote = connection.ops.quote_name
    arms, params = [], []
    for n, (part, place) in enumerate(zip(parts, places, strict=True)):
        columns = [f"CAST(NULL AS {cast})" if typed else "NULL" for _kind, cast in slots]
        for name, slot in zip(part.names, place, strict=True):
            columns[slot] = f"w.{quote(name)}"
        # The compilers' SQL with its parameters kept apart; names, part numbers and casts: no input here.
        arms.append(f"SELECT {n}, {', '.join(columns)} FROM ({part.sql}) w")  # noqa: S608
        params.extend(part.params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(arms), params)
        fetched = cursor.fetchall()
    raw: list[list[tuple[Any, ...]]] = [[] for _ in parts]
    for row in fetched:
        n = row[0]
        raw[n].append(tuple(row[slot + 1] for slot in places[n]))
    for n, part in enumerate(parts):
        results[part.index] = part.rows(raw[n])
    return results
