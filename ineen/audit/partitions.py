"""Monthly partitions of the audit event table (PostgreSQL native `PARTITION BY RANGE (occurred_at)`).

Why: at national scale the audit trail grows by about 20M rows a year and is kept 15 years. Removing a
month past its retention period is then `DETACH` + `DROP` of one partition (audit_retention.py), not
hundreds of thousands of row deletes that the append-only triggers refuse anyway, and the nightly
`audit_verify` and the log page read one month's index instead of the whole table's.

- `convert()` (migration audit/0024) turns the existing table into a partitioned one: rename, create
  the partitioned table like it, one partition per month that has rows plus the months ahead and a
  DEFAULT partition, copy, drop the old table, recreate its indexes and foreign keys under the same
  names. The primary key becomes (id, occurred_at) and the unique event_id (event_id, occurred_at):
  PostgreSQL requires the partition key in every unique constraint. Django still sees `id` as the
  primary key (ids come from one identity sequence, so they stay unique).
- `ensure()` creates the partitions of this month and `ahead` months to come (`audit_partitions`,
  run by migrate and by the sealer's timer). The DEFAULT partition catches a row whose month has no
  partition yet, so an insert never fails; a month whose rows landed there gets no partition of its own
  (its rows stay in DEFAULT, reported) because rows cannot be moved out of an append-only table.
- Every partition carries the append-only triggers: row triggers are cloned from the parent by
  PostgreSQL; the TRUNCATE trigger (a statement trigger) is not, so protection.install adds it.

SQLite (demo, tests): no partitions; every function here is a no-op there.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

TABLE = "audit_auditevent"
COLUMN = "occurred_at"
DEFAULT = f"{TABLE}_default"
_BOUND = re.compile(r"FROM \('([^']+)'\) TO \('([^']+)'\)")


@dataclass(frozen=True)
class Partition:
    name: str
    start: dt.datetime | None  # None: the DEFAULT partition
    end: dt.datetime | None

    @property
    def month(self) -> str:
        return f"{self.start:%Y-%m}" if self.start else "default"


def month_start(moment: dt.datetime) -> dt.datetime:
    moment = moment.astimezone(dt.UTC)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month(start: dt.datetime) -> dt.datetime:
    return start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)


def partition_name(start: dt.datetime) -> str:
    return f"{TABLE}_y{start:%Y}m{start:%m}"


def is_partitioned(connection, table: str = TABLE) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = %s AND relkind IN ('p', 'r')", [table])
        found = cursor.fetchone()
    return bool(found and found[0] == "p")


def partitions(connection, table: str = TABLE) -> list[Partition]:
    """The partitions of `table`, oldest month first, DEFAULT last; [] when not partitioned."""
    if not is_partitioned(connection, table):
        return []
    with connection.cursor() as cursor:
        # Bounds are printed in the session's time zone; read them in UTC.
        cursor.execute("SET LOCAL TIME ZONE 'UTC'")
        cursor.execute(
            """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = %s""",
            [table],
        )
        rows = cursor.fetchall()
    found, default = [], []
    for name, bound in rows:
        match = _BOUND.search(bound)
        if match is None:
            default.append(Partition(name, None, None))
            continue
        start, end = (dt.datetime.fromisoformat(value).astimezone(dt.UTC) for value in match.groups())
        found.append(Partition(name, start, end))
    return sorted(found, key=lambda p: p.start) + default


def _quote(connection, name):
    return connection.ops.quote_name(name)


def create_month(connection, start: dt.datetime, table: str = TABLE) -> str | None:
    """Create the partition of the month starting at `start`; None when its rows are in DEFAULT already."""
    name, end = partition_name(start), next_month(start)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {_quote(connection, DEFAULT)} WHERE {COLUMN} >= %s AND {COLUMN} < %s LIMIT 1",  # noqa: S608
            [start, end],
        )
        if cursor.fetchone():
            return None
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {_quote(connection, name)} PARTITION OF {_quote(connection, table)} "
            f"FOR VALUES FROM (%s) TO (%s)",
            [start.isoformat(), end.isoformat()],
        )
    return name


def ensure(connection, *, ahead: int = 3, now=None) -> list[str]:
    """Partitions for this month and `ahead` months to come (idempotent); their append-only triggers.
    Returns the names of the partitions that exist afterwards for those months."""
    if not is_partitioned(connection):
        return []
    from . import protection

    start, made = month_start(now or timezone.now()), []
    for _ in range(ahead + 1):
        name = create_month(connection, start)
        if name:
            made.append(name)
        start = next_month(start)
    protection.protect_partitions(connection)
    return made


def convert(connection, *, ahead: int = 3, now=None) -> None:
    """Turn the unpartitioned audit event table into a monthly partitioned one (migration audit/0024)."""
    if connection.vendor != "postgresql" or is_partitioned(connection):
        return
    q = _quote(connection, TABLE)
    old = f"{TABLE}_unpartitioned"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisprimary, indisunique "
            "FROM pg_index WHERE indrelid = %s::regclass",
            [TABLE],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'c')",
            [TABLE],
        )
        constraints = cursor.fetchall()
        cursor.execute(f"SELECT min({COLUMN}), max({COLUMN}), max(id) FROM {q}")  # noqa: S608 (identifiers from the catalog and constants, no input)
        first, last, max_id = cursor.fetchone()
        cursor.execute(f"ALTER TABLE {q} RENAME TO {_quote(connection, old)}")
        cursor.execute(
            f"CREATE TABLE {q} (LIKE {_quote(connection, old)} INCLUDING DEFAULTS INCLUDING IDENTITY "
            f"INCLUDING STORAGE) PARTITION BY RANGE ({COLUMN})"
        )
        cursor.execute(f"CREATE TABLE {_quote(connection, DEFAULT)} PARTITION OF {q} DEFAULT")
        now = now or timezone.now()
        start = month_start(first) if first else month_start(now)
        stop = month_start(max(last, now) if last else now)
        for _ in range(ahead + 1):
            stop = next_month(stop)
        while start < stop:
            create_month(connection, start)
            start = next_month(start)
        cursor.execute(f"INSERT INTO {q} SELECT * FROM {_quote(connection, old)}")  # noqa: S608 (identifiers from the catalog and constants, no input)
        # The old table's triggers refuse DELETE/TRUNCATE, not DROP (DDL, the owner only).
        cursor.execute(f"DROP TABLE {_quote(connection, old)}")
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, 'id')",
            [TABLE],
        )
        sequence = cursor.fetchone()[0]
        wanted = f"{TABLE}_id_seq"
        if sequence and sequence.split(".")[-1].strip('"') != wanted:
            cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {_quote(connection, wanted)}")
        if max_id:
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [TABLE, max_id])
        for name, definition, primary, unique in indexes:
            name = name.split(".")[-1].strip('"')
            if primary:
                cursor.execute(f"ALTER TABLE {q} ADD CONSTRAINT {_quote(connection, name)} PRIMARY KEY (id, {COLUMN})")
            elif unique:
                # Django's unique=True on event_id: a constraint; the partition key has to be in it.
                column = re.search(r"\((\w+)\)", definition).group(1)
                cursor.execute(f"ALTER TABLE {q} ADD CONSTRAINT {_quote(connection, name)} UNIQUE ({column}, {COLUMN})")
            else:
                cursor.execute(
                    definition.replace(f" ON public.{TABLE} ", f" ON {q} ").replace(f" ON {TABLE} ", f" ON {q} ")
                )
        for name, definition in constraints:
            cursor.execute(f"ALTER TABLE {q} ADD CONSTRAINT {_quote(connection, name)} {definition}")
    # The append-only triggers: protection.install (the migration runs it next).
