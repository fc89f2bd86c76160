"""Removing audit months past their retention period: one partition at a time, re-anchored in the chain.

The audit period is settings.INEEN_RETENTION["audit_event"] (15 years; docs/privacy.md). A month whose
partition ends before now - period may go, after the privacy officer's approval (`audit_prune`, run by the
tables' owner: only an owner may DETACH and DROP, the application's role may not). For each month:

1. `audit_seal` until nothing is left, so every row of the month has a seal;
2. under the sealer's lock, every row of the month is checked against its seal (a row without a seal or
   with a changed digest stops the removal: verify first, then decide);
3. in one transaction: an `AuditAnchor` (which month, its row count, the first and last seq of its seals,
   the chain hash of the last one, the chain head, who and when, the approval), an `AuditEvent` (action
   delete, object "audit_partition"), then `DETACH PARTITION` and `DROP TABLE`.

The seals stay: they hold no personal data (table, id, times, digests), and keeping them keeps the chain
from the first seal intact, so the anchor is checked against the chain instead of trusted.
`audit_verify` counts every seal whose row is gone against the anchor of its month (same number, same
last chain hash) and reports the re-anchoring; a seal without row and without anchor is still *deleted*.

What an anchor proves: that these rows existed, were sealed in this order and were unchanged when they
were removed (step 2), and when and by whom the removal was done; the anchor is itself sealed, so
inserting or editing one without the key shows (unsealed/edited). What it does not prove: the removed
rows' content (gone for good, which is the point), nor anything about a removal done with the key in hand.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import events, partitions
from .events import Subject
from .models import Action, AuditAnchor, AuditEvent, AuditSeal
from .sealing import _lock, normal_row, row_digest, seal, sources


class PruneRefused(Exception):
    pass


@dataclass
class MonthCheck:
    rows: int = 0
    unsealed: int = 0
    edited: int = 0
    first_seq: int | None = None
    last_seq: int | None = None


def cutoff(now=None) -> dt.datetime:
    from ineen.privacy.retention import AUDIT_EVENT, add_years, period

    return add_years(now or timezone.now(), -period(AUDIT_EVENT))


def expired(now=None) -> list[partitions.Partition]:
    """Monthly partitions that end at or before the retention cutoff, oldest first."""
    limit = cutoff(now)
    return [p for p in partitions.partitions(connection) if p.end is not None and p.end <= limit]


def check_month(partition: partitions.Partition) -> MonthCheck:
    """Every row of the month against its seal: rows and seals streamed together in id order."""
    source = sources()[partitions.TABLE]
    in_month = {"occurred_at__gte": partition.start, "occurred_at__lt": partition.end}
    rows = AuditEvent._base_manager.filter(**in_month).order_by("pk").values(*source.columns).iterator(chunk_size=5000)
    seals = (
        AuditSeal.objects.filter(source=partitions.TABLE, row_time__gte=partition.start, row_time__lt=partition.end)
        .order_by("source_pk")
        .values_list("source_pk", "digest", "seq")
        .iterator(chunk_size=5000)
    )
    result = MonthCheck()
    row, sealed = next(rows, None), next(seals, None)
    while row is not None or sealed is not None:
        if sealed is None or (row is not None and row["id"] < sealed[0]):
            result.rows += 1
            result.unsealed += 1
            row = next(rows, None)
        elif row is None or sealed[0] < row["id"]:
            result.edited += 1  # a seal of this month whose row is gone (or moved out of the month)
            sealed = next(seals, None)
        else:
            result.rows += 1
            seq = sealed[2]
            result.first_seq = seq if result.first_seq is None else min(result.first_seq, seq)
            result.last_seq = seq if result.last_seq is None else max(result.last_seq, seq)
            if row_digest(partitions.TABLE, normal_row(row)) != sealed[1]:
                result.edited += 1
            row, sealed = next(rows, None), next(seals, None)
    return result


def remove_month(
    partition: partitions.Partition, *, removed_by: str, approval: str = "", actor=None, now=None, key=None
):
    """Remove one expired month (see the module docstring). Returns the AuditAnchor."""
    if connection.vendor != "postgresql":
        raise PruneRefused("Only on PostgreSQL with a partitioned audit table.")
    now = now or timezone.now()
    if partition.end is None or partition.end > cutoff(now):
        raise PruneRefused(f"{partition.name} is within the retention period.")
    while seal(key=key).more:
        pass
    with transaction.atomic():
        with connection.cursor() as cursor:  # ALTER TABLE refuses to run with deferred checks pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _lock()  # no seal run in between: the head and the month's seals do not move
        check = check_month(partition)
        if check.unsealed or check.edited:
            raise PruneRefused(
                f"{partition.name}: {check.unsealed} rows without seal, {check.edited} changed after sealing; "
                "run audit_verify and resolve that first."
            )
        head = AuditSeal.objects.order_by("-seq").first()
        last = AuditSeal.objects.filter(seq=check.last_seq).first() if check.last_seq else None
        anchor = AuditAnchor.objects.create(
            table=partitions.TABLE,
            month=partition.start.date(),
            range_start=partition.start,
            range_end=partition.end,
            rows=check.rows,
            first_seq=check.first_seq,
            last_seq=check.last_seq,
            last_chain_hash=last.chain_hash if last else "",
            head_seq=head.seq if head else 0,
            head_chain_hash=head.chain_hash if head else "",
            removed_at=now,
            removed_by=removed_by[:300],
            approval=approval[:300],
        )
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {q(partitions.TABLE)} DETACH PARTITION {q(partition.name)}")
            cursor.execute(f"DROP TABLE {q(partition.name)}")
        events.record(
            actor=actor,
            action=Action.DELETE,
            subject=Subject(object_type="audit_partition", object_id=f"{partition.month}"),
            purpose="bewaartermijn",
            detail=f"{check.rows} audit events of {partition.month} removed (anchor {anchor.pk}, seals "
            f"{check.first_seq}..{check.last_seq}); approval: {approval}"[:500],
        )
    return anchor


__all__ = ["AuditEvent", "MonthCheck", "PruneRefused", "check_month", "cutoff", "expired", "remove_month"]
