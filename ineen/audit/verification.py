"""Verifying the audit hash chain (`audit_verify`) and exporting it (`audit_export`).

verify() recomputes every chain hash and every row digest, and reports:
- chain:    a seal's chain hash does not match (a seal edited, inserted, deleted or reordered);
- missing:  gaps in the seal sequence (seals deleted);
- edited:   a row's digest differs from its seal (the row was changed);
- deleted:  a seal whose row is gone;
- unsealed: a row older than the horizon without a seal (inserted after its time was sealed, or the
            seal job is not running);
- late:     a row sealed late (it appeared after its time had been sealed: a transaction longer than
            the horizon, or a back-dated insert);
- protection: append-only or write-tracking triggers missing or disabled, or a role other than the
            owner allowed to UPDATE, DELETE or TRUNCATE an audit table (PostgreSQL);
- anchor:   an earlier export (or the chain head it recorded) no longer matches the database, e.g.
            the end of the chain was cut off together with its rows; or a retention anchor (AuditAnchor,
            pruning.py) that does not match the seals of the month it says it removed.

Seals whose row was removed with its month (`audit_prune`) are counted against that month's anchor and
listed as a re-anchoring, not as deleted.
"""

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import protection
from .models import AuditAnchor, AuditSeal
from .sealing import (
    _SEAL_COLUMNS,
    GENESIS,
    Entry,
    audit_key,
    chain_hash,
    checkpoint_digest,
    normal_row,
    row_digest,
    sources,
)

KINDS = ["chain", "missing", "edited", "deleted", "unsealed", "late", "protection", "anchor"]
EXPORT_FORMAT = "ineen-audit-export/1"


@dataclass
class Report:
    seals: int = 0
    rows: int = 0
    pending: int = 0  # rows younger than the horizon, not sealed yet (normal)
    counts: Counter = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)
    limit: int = 20
    reanchored: list[str] = field(default_factory=list)

    def add(self, kind: str, message: str) -> None:
        self.counts[kind] += 1
        if len(self.problems) < self.limit:
            self.problems.append((kind, message))

    @property
    def ok(self) -> bool:
        return not self.counts

    def lines(self) -> list[str]:
        lines = [f"Checked {self.seals} seals and {self.rows} audit rows; {self.pending} recent rows wait for sealing."]
        lines += self.reanchored
        if self.ok:
            lines.append("OK: the audit chain verifies.")
            return lines
        lines.append("FAILED: " + ", ".join(f"{kind} {self.counts[kind]}" for kind in KINDS if self.counts[kind]))
        lines += [f"  {kind}: {message}" for kind, message in self.problems]
        if sum(self.counts.values()) > len(self.problems):
            lines.append(f"  ... and {sum(self.counts.values()) - len(self.problems)} more")
        return lines


def _check_chain(report, key, seals):
    """seals: iterable of objects/records with the entry fields, in seq order."""
    previous, expected_seq = GENESIS, 1
    for seal in seals:
        report.seals += 1
        if seal.seq != expected_seq:
            report.add("missing", f"seals {expected_seq}..{seal.seq - 1} are missing from the chain")
        if chain_hash(key, previous, seal) != seal.chain_hash:
            report.add(
                "chain",
                f"seal {seal.seq} ({seal.source} {seal.source_pk}): chain hash does not match "
                "(seal edited, inserted, deleted or reordered)",
            )
        if seal.late:
            report.add(
                "late",
                f"seal {seal.seq}: {seal.source} {seal.source_pk} of {seal.row_time:%Y-%m-%d %H:%M:%S} "
                "was sealed late (back-dated insert or a transaction longer than the horizon)",
            )
        if seal.source == AuditSeal.CHECKPOINT and seal.digest != checkpoint_digest(seal.watermark):
            report.add("edited", f"seal {seal.seq}: checkpoint digest does not match")
        previous, expected_seq = seal.chain_hash, seal.seq + 1


class _Anchors:
    """The retention anchors of one table: a seal without row inside a removed month counts for it."""

    def __init__(self, anchors):
        self.anchors = sorted(anchors, key=lambda a: a.range_start)
        self.removed = Counter()

    def claim(self, row_time) -> bool:
        for anchor in self.anchors:
            if row_time is not None and anchor.range_start <= row_time < anchor.range_end:
                self.removed[anchor.pk] += 1
                return True
        return False


def _check_anchors(report, anchors, removed: Counter) -> None:
    """Each retention anchor against the chain: its month's seals without rows, its hashes."""
    wanted = {seq for a in anchors for seq in (a.last_seq, a.head_seq) if seq}
    stored = dict(AuditSeal.objects.filter(seq__in=wanted).values_list("seq", "chain_hash"))
    for anchor in anchors:
        found = []
        if removed[anchor.pk] != anchor.rows:
            found.append(f"{removed[anchor.pk]} sealed rows of that month are gone, the anchor says {anchor.rows}")
        if anchor.last_seq and stored.get(anchor.last_seq) != anchor.last_chain_hash:
            found.append(f"the chain hash of seal {anchor.last_seq} differs from the anchor's")
        if anchor.head_seq and stored.get(anchor.head_seq) != anchor.head_chain_hash:
            found.append(f"the chain head {anchor.head_seq} it recorded differs")
        what = (
            f"{anchor.table} {anchor.month:%Y-%m} removed {anchor.removed_at:%Y-%m-%d %H:%M} by {anchor.removed_by} "
            f"(approval {anchor.approval or '-'}): {anchor.rows} rows, seals {anchor.first_seq}..{anchor.last_seq}, "
            f"chain hash {anchor.last_chain_hash[:16]}"
        )
        for problem in found:
            report.add("anchor", f"retention anchor {anchor.pk}, {what}: {problem}")
        report.reanchored.append(f"Re-anchored: {what}" + (" (DOES NOT MATCH)" if found else " (matches the chain)"))


def _merge_rows(report, source, *, last_mark, cutoff, anchors=None):
    """Walk one table and its seals together in pk order."""
    pk = source.model._meta.pk.attname
    rows = source.model._base_manager.order_by(pk).values(*source.columns).iterator(chunk_size=10_000)
    seals = (
        AuditSeal.objects.filter(source=source.table)
        .order_by("source_pk")
        .values_list("source_pk", "digest", "seq", "row_time")
        .iterator(chunk_size=10_000)
    )
    row, seal = next(rows, None), next(seals, None)
    while row is not None or seal is not None:
        if seal is None or (row is not None and row[pk] < seal[0]):
            report.rows += 1
            when = row[source.time_field]
            if when > cutoff:
                report.pending += 1
            else:
                why = (
                    "its time was already sealed (late insert?)"
                    if last_mark is not None and when <= last_mark
                    else "older than the horizon; is audit_seal running?"
                )
                report.add("unsealed", f"{source.table} {row[pk]} of {when:%Y-%m-%d %H:%M:%S} has no seal: {why}")
            row = next(rows, None)
        elif row is None or seal[0] < row[pk]:
            if anchors is None or not anchors.claim(seal[3]):
                report.add("deleted", f"{source.table} {seal[0]} (seal {seal[2]}) is gone")
            seal = next(seals, None)
        else:
            report.rows += 1
            if row_digest(source.table, normal_row(row)) != seal[1]:
                report.add("edited", f"{source.table} {row[pk]} (seal {seal[2]}) was changed after sealing")
            row, seal = next(rows, None), next(seals, None)


def verify(*, now=None, horizon=None, key=None, anchors=(), limit=20) -> Report:
    key = key or audit_key()
    now = now or timezone.now()
    horizon = dt.timedelta(seconds=settings.AUDIT_SEAL_HORIZON_SECONDS) if horizon is None else horizon
    report = Report(limit=limit)
    # Tuples into a slotted Entry instead of model instances: the chain check is the longest loop.
    seals = AuditSeal.objects.order_by("seq").values_list(*_SEAL_COLUMNS).iterator(chunk_size=10_000)
    _check_chain(report, key, (Entry(*values) for values in seals))
    head = AuditSeal.objects.order_by("-seq").first()
    last_mark = head.watermark if head else None
    known = sources()
    retention_anchors = list(AuditAnchor.objects.all())
    removed = Counter()
    for source in known.values():
        claims = _Anchors([a for a in retention_anchors if a.table == source.table])
        _merge_rows(report, source, last_mark=last_mark, cutoff=now - horizon, anchors=claims)
        removed.update(claims.removed)
    _check_anchors(report, retention_anchors, removed)
    for name in (
        AuditSeal.objects.exclude(source__in=[*known, AuditSeal.CHECKPOINT]).values_list("source", flat=True).distinct()
    ):
        report.add("deleted", f"seals refer to table {name}, which is not an audit table")
    for problem in protection.problems(connection):
        report.add("protection", problem)
    for anchor in anchors:
        _check_anchor(report, anchor)
    return report


# --- export ------------------------------------------------------------------------------------


def _seal_document(seal) -> dict:
    return {
        "seq": seal.seq,
        "source": seal.source,
        "source_pk": seal.source_pk,
        "row_time": seal.row_time.isoformat() if seal.row_time else None,
        "digest": seal.digest,
        "late": seal.late,
        "watermark": seal.watermark.isoformat(),
        "sealed_at": seal.sealed_at.isoformat(),
        "chain_hash": seal.chain_hash,
    }


def _rows_for(batch, known):
    """{(table, pk): normal row} for a batch of seals, one query per table."""
    wanted: dict[str, list[int]] = {}
    for seal in batch:
        if seal.source in known:
            wanted.setdefault(seal.source, []).append(seal.source_pk)
    found = {}
    for table, pks in wanted.items():
        source = known[table]
        pk = source.model._meta.pk.attname
        for row in source.model._base_manager.filter(pk__in=pks).values(*source.columns):
            found[(table, row[pk])] = normal_row(row)
    return found


def export(*, since: dt.datetime, out: Path, until: dt.datetime | None = None) -> dict:
    """Write the seals made since `since` (and before `until`), each with its row, as JSON lines.

    Periodic exports partition the chain (by sealing time), and each file verifies on its own with
    the key (verify_export) and against the database later (verify --anchor). Rows not sealed yet go
    into the next export. The file holds personal data: it is written with mode 0600.
    """
    seals = AuditSeal.objects.filter(sealed_at__gte=since).order_by("seq")
    if until is not None:
        seals = seals.filter(sealed_at__lt=until)
    first = seals.first()
    previous = GENESIS
    if first is not None and first.seq > 1:
        before = AuditSeal.objects.filter(seq=first.seq - 1).first()
        previous = before.chain_hash if before else "unknown"
    known = sources()
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    count, last = 0, None
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(descriptor, "w", encoding="utf-8") as fh:
        header = {
            "type": "header",
            "format": EXPORT_FORMAT,
            "exported_at": timezone.now().isoformat(),
            "since": since.isoformat(),
            "until": until.isoformat() if until else None,
            "first_seq": first.seq if first else None,
            "previous_chain_hash": previous,
        }
        fh.write(json.dumps(header, sort_keys=True) + "\n")
        batch = []

        def flush():
            rows = _rows_for(batch, known)
            for seal in batch:
                fh.write(
                    json.dumps(
                        {"type": "seal", **_seal_document(seal), "row": rows.get((seal.source, seal.source_pk))},
                        sort_keys=True,
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            batch.clear()

        for seal in seals.iterator(chunk_size=2000):
            batch.append(seal)
            count, last = count + 1, seal
            if len(batch) >= 1000:
                flush()
        flush()
        fh.write(
            json.dumps(
                {
                    "type": "footer",
                    "count": count,
                    "last_seq": last.seq if last else None,
                    "last_chain_hash": last.chain_hash if last else None,
                },
                sort_keys=True,
            )
            + "\n"
        )
    partial.replace(out)
    return {"count": count, "first_seq": first.seq if first else None, "last_seq": last.seq if last else None}


@dataclass
class _Entry:
    seq: int
    source: str
    source_pk: int | None
    row_time: dt.datetime | None
    digest: str
    late: bool
    watermark: dt.datetime
    sealed_at: dt.datetime
    chain_hash: str
    row: dict | None


def _read_export(path: Path):
    header, entries, footer = None, [], None
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            kind = item.pop("type")
            if kind == "header":
                header = item
            elif kind == "footer":
                footer = item
            else:
                for name in ("row_time", "watermark", "sealed_at"):
                    item[name] = dt.datetime.fromisoformat(item[name]) if item[name] else None
                entries.append(_Entry(**item))
    if header is None or header.get("format") != EXPORT_FORMAT:
        raise ValueError(f"{path} is not an Ineen audit export ({EXPORT_FORMAT})")
    return header, entries, footer


def verify_export(path: Path, *, key=None, limit=20) -> Report:
    """Verify an export file on its own: chain from its previous_chain_hash, every row's digest."""
    key = key or audit_key()
    header, entries, footer = _read_export(path)
    report = Report(limit=limit)
    if footer is None or footer["count"] != len(entries):
        report.add("missing", "the file is truncated (footer missing or count differs)")
    previous = header["previous_chain_hash"]
    expected_seq = header["first_seq"] or 1
    for entry in entries:
        report.seals += 1
        if entry.seq != expected_seq:
            report.add("missing", f"seals {expected_seq}..{entry.seq - 1} are missing from the file")
        if chain_hash(key, previous, entry) != entry.chain_hash:
            report.add("chain", f"seal {entry.seq}: chain hash does not match")
        if entry.late:
            report.add("late", f"seal {entry.seq}: {entry.source} {entry.source_pk} was sealed late")
        if entry.source != AuditSeal.CHECKPOINT:
            report.rows += 1
            if entry.row is None:
                report.add("deleted", f"seal {entry.seq}: {entry.source} {entry.source_pk} was already gone")
            elif row_digest(entry.source, entry.row) != entry.digest:
                report.add("edited", f"seal {entry.seq}: {entry.source} {entry.source_pk} differs from its seal")
        previous, expected_seq = entry.chain_hash, entry.seq + 1
    return report


def _check_anchor(report: Report, path: Path) -> None:
    """Every seal in an earlier export must still be in the database, unchanged."""
    _header, entries, _footer = _read_export(path)
    wanted = {entry.seq: entry.chain_hash for entry in entries}
    seqs = sorted(wanted)
    for start in range(0, len(seqs), 5000):
        chunk = seqs[start : start + 5000]
        stored = dict(AuditSeal.objects.filter(seq__in=chunk).values_list("seq", "chain_hash"))
        for seq in chunk:
            if stored.get(seq) != wanted[seq]:
                state = "missing" if seq not in stored else "different"
                report.add("anchor", f"seal {seq} of {Path(path).name} is {state} in the database")
