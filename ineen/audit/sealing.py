"""The keyed hash chain over all audit rows: AuditEvent (reads, domain writes, denials) and the
trigger-captured write events (history.py).

Sealing is not done at insert time (every request writes a read event; a chain head updated per insert
would serialise all requests). Instead `audit_seal` runs every minute and seals, in one transaction,
the rows older than a short horizon (default 60 s) in a deterministic order (time, table, pk):

    digest     = SHA-256(canonical JSON {"source": table, "row": {every column}})
    chain_hash = HMAC-SHA256(key, previous chain_hash || canonical JSON of the seal entry)

The seal entry covers seq, table, pk, row time, digest, the late flag, the run's watermark and the
sealing time. The key comes from INEEN_AUDIT_KEY or the file INEEN_AUDIT_KEY_FILE, never from the
database, so whoever can write the database (a superuser) cannot recompute the chain after a change.
`verify()` (in verification.py) recomputes everything.

Rows whose time is already behind the previous run's watermark when they appear (a transaction longer
than the horizon, or a back-dated insert) are sealed with late=True; older ones than the lookback are not
sealed at all. Both are reported by verification. A run that finds nothing writes a checkpoint entry at
most every `checkpoint_every`, so the watermark keeps moving in quiet periods.
"""

import datetime as dt
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from decimal import Decimal
from heapq import merge
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import EVENT_MODELS, AuditAnchor, AuditEvent, AuditSeal

GENESIS = "0" * 64
# Development and tests only; refused in production (audit_key()).
INSECURE_DEVELOPMENT_KEY = b"insecure-development-audit-key-never-use-in-production"
_LOCK_ID = 7513_0001


def audit_key() -> bytes:
    """The chain key, from the environment or a file; never from the database."""
    raw = os.environ.get("INEEN_AUDIT_KEY", "")
    key_file = os.environ.get("INEEN_AUDIT_KEY_FILE", "")
    if raw and key_file:
        raise ImproperlyConfigured("Set INEEN_AUDIT_KEY or INEEN_AUDIT_KEY_FILE, not both.")
    if key_file:
        try:
            raw = Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"Cannot read INEEN_AUDIT_KEY_FILE: {error}") from error
    if raw:
        if len(raw) < 32:
            raise ImproperlyConfigured("The audit key must be at least 32 characters (e.g. `openssl rand -hex 32`).")
        return raw.encode()
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "INEEN_AUDIT_KEY or INEEN_AUDIT_KEY_FILE is required with INEEN_ENV=production "
            "(the audit hash chain key, kept outside the database)."
        )
    return INSECURE_DEVELOPMENT_KEY


# --- sources and canonical form ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    model: type
    time_field: str

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def columns(self) -> list[str]:
        return [field.attname for field in self.model._meta.concrete_fields]


def sources() -> dict[str, Source]:
    """Every sealed table, by table name."""
    found = [
        Source(AuditEvent, "occurred_at"),
        Source(AuditAnchor, "removed_at"),
        *(Source(model, "pgh_created_at") for model in EVENT_MODELS),
    ]
    return {source.table: source for source in sorted(found, key=lambda s: s.table)}


_PLAIN = frozenset({str, int, bool, float, list, dict, type(None)})


def _normal(value):
    if type(value) in _PLAIN:  # most columns: nothing to convert (the fast path; same output)
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value


def normal_row(row: dict) -> dict:
    return {column: _normal(value) for column, value in row.items()}


# One encoder for every call (json.dumps builds a new one per call when given options); same output.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(document) -> bytes:
    return _ENCODER.encode(document).encode()


def row_digest(table: str, row: dict) -> str:
    """row: a normal_row() of all columns."""
    return hashlib.sha256(canonical({"source": table, "row": row})).hexdigest()


def entry_document(seal) -> dict:
    return {
        "seq": seal.seq,
        "source": seal.source,
        "source_pk": seal.source_pk,
        "row_time": _normal(seal.row_time),
        "digest": seal.digest,
        "late": seal.late,
        "watermark": _normal(seal.watermark),
        "sealed_at": _normal(seal.sealed_at),
    }


def chain_hash(key: bytes, previous: str, seal) -> str:
    return hmac.new(key, bytes.fromhex(previous) + canonical(entry_document(seal)), hashlib.sha256).hexdigest()


def checkpoint_digest(watermark) -> str:
    return hashlib.sha256(canonical({"checkpoint": _normal(watermark)})).hexdigest()


# --- sealing ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """A seal being made (cheaper than a model instance; written with COPY on PostgreSQL)."""

    seq: int
    source: str
    source_pk: int | None
    row_time: dt.datetime | None
    digest: str
    late: bool
    watermark: dt.datetime
    sealed_at: dt.datetime
    chain_hash: str = ""


_SEAL_COLUMNS = ("seq", "source", "source_pk", "row_time", "digest", "late", "watermark", "sealed_at", "chain_hash")


def _write(entries: list[Entry]) -> None:
    """Insert the new seals: COPY on PostgreSQL (several times faster than INSERT at 100,000 rows)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(AuditSeal._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(_SEAL_COLUMNS)}) FROM STDIN") as copy,
        ):
            for entry in entries:
                copy.write_row(tuple(getattr(entry, name) for name in _SEAL_COLUMNS))
        return
    AuditSeal.objects.bulk_create(
        [AuditSeal(**{name: getattr(entry, name) for name in _SEAL_COLUMNS}) for entry in entries], batch_size=2000
    )


@dataclass
class SealResult:
    sealed: int
    late: int
    checkpoint: bool
    watermark: dt.datetime | None
    head_seq: int
    head_hash: str
    more: bool  # stopped at max_rows: run again


def _candidates(source: Source, *, floor, watermark, limit):
    """Unsealed rows of one table in (floor, watermark], oldest first, as (time, table, pk, row)."""
    time_field = source.time_field
    rows = (
        source.model._base_manager.filter(**{f"{time_field}__lte": watermark})
        .exclude(Exists(AuditSeal.objects.filter(source=source.table, source_pk=OuterRef("pk"))))
        .order_by(time_field, "pk")
        .values(*source.columns)
    )
    if floor is not None:
        rows = rows.filter(**{f"{time_field}__gt": floor})
    pk = source.model._meta.pk.attname
    for row in rows[:limit].iterator(chunk_size=10_000):
        yield row[time_field], source.table, row[pk], row


def _lock():
    """One sealer at a time (the chain head must not fork)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
    # SQLite: transactions are IMMEDIATE (settings), so the first write lock serialises sealers.


def seal(
    *,
    now=None,
    horizon=None,
    lookback=None,
    max_rows=100_000,
    checkpoint_every=dt.timedelta(minutes=15),
    key: bytes | None = None,
) -> SealResult:
    """Seal every unsealed audit row older than now - horizon. Deterministic: the same rows and the same
    `now` give the same entries and hashes. Incremental: only rows not sealed before."""
    key = key or audit_key()
    now = now or timezone.now()
    horizon = dt.timedelta(seconds=settings.AUDIT_SEAL_HORIZON_SECONDS) if horizon is None else horizon
    lookback = dt.timedelta(seconds=settings.AUDIT_SEAL_LOOKBACK_SECONDS) if lookback is None else lookback
    with transaction.atomic():
        _lock()
        head = AuditSeal.objects.order_by("-seq").first()
        previous_mark = head.watermark if head else None
        watermark = now - horizon
        if previous_mark is not None and watermark < previous_mark:
            watermark = previous_mark
        floor = previous_mark - lookback if previous_mark is not None else None
        streams = [
            _candidates(source, floor=floor, watermark=watermark, limit=max_rows + 1) for source in sources().values()
        ]
        # Digests while streaming: only (time, table, pk, digest) is kept, not the rows (memory stays small).
        picked = [
            (row_time, table, pk, row_digest(table, normal_row(row)))
            for row_time, table, pk, row in islice(
                merge(*streams, key=lambda item: (item[0], item[1], item[2])), max_rows + 1
            )
        ]
        more = len(picked) > max_rows
        if more:
            picked = picked[:max_rows]
            watermark = picked[-1][0]  # the rest (same time or later) waits for the next run
        seq = head.seq if head else 0
        previous = head.chain_hash if head else GENESIS
        entries, late = [], 0
        for row_time, table, pk, digest in picked:
            seq += 1
            is_late = previous_mark is not None and row_time < previous_mark
            late += is_late
            entry = Entry(
                seq=seq,
                source=table,
                source_pk=pk,
                row_time=row_time,
                digest=digest,
                late=is_late,
                watermark=watermark,
                sealed_at=now,
            )
            entry.chain_hash = previous = chain_hash(key, previous, entry)
            entries.append(entry)
        wrote_checkpoint = False
        if not entries and (previous_mark is None or watermark - previous_mark >= checkpoint_every):
            seq += 1
            entry = Entry(
                seq=seq,
                source=AuditSeal.CHECKPOINT,
                source_pk=None,
                row_time=None,
                digest=checkpoint_digest(watermark),
                late=False,
                watermark=watermark,
                sealed_at=now,
            )
            entry.chain_hash = previous = chain_hash(key, previous, entry)
            entries.append(entry)
            wrote_checkpoint = True
        _write(entries)
    return SealResult(
        sealed=len(entries) - wrote_checkpoint,
        late=late,
        checkpoint=wrote_checkpoint,
        watermark=watermark if entries else previous_mark,
        head_seq=seq,
        head_hash=previous,
        more=more,
    )
