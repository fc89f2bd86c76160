# ruff: noqa: S608  (SQL built from our own table names)
"""The keyed hash chain: deterministic, incremental, keyed from outside the database; the export."""

import datetime as dt
import json
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from ineen.audit.models import Action, AuditEvent, AuditSeal
from ineen.audit.sealing import GENESIS, audit_key, chain_hash, seal
from ineen.audit.verification import export, verify, verify_export

from .conftest import KEY, sql, superuser_without_triggers, table


def _chain():
    return list(AuditSeal.objects.order_by("seq").values_list("seq", "source", "source_pk", "digest", "chain_hash"))


def _read_event(user, when, number=0):
    """A read event at an explicit time (events.record stamps the time of the insert)."""
    return AuditEvent.objects.create(
        occurred_at=when,
        actor=user,
        actor_label=user.email,
        role="chair",
        safety_house_code="hgl",
        action=Action.VIEW,
        object_type="case",
        object_id=f"c{number}",
        outcome="allowed",
        purpose="casusoverzicht",
    )


def test_seal_is_deterministic(sealed):
    first = _chain()
    with superuser_without_triggers():
        sql(f"DELETE FROM {table(AuditSeal)}")
    seal(now=sealed, horizon=dt.timedelta(0), key=KEY)
    assert _chain() == first
    # Ordered by (time, table, pk), each link chained to the one before.
    previous = GENESIS
    for entry in AuditSeal.objects.order_by("seq"):
        assert entry.chain_hash == chain_hash(KEY, previous, entry)
        previous = entry.chain_hash
    times = list(AuditSeal.objects.order_by("seq").values_list("row_time", "source", "source_pk"))
    assert times == sorted(times)


def test_seal_is_incremental(sealed, cast):
    before = _chain()
    later = sealed + dt.timedelta(minutes=1)
    for number in range(3):
        _read_event(cast.chair, later + dt.timedelta(seconds=number), number)
    result = seal(now=later + dt.timedelta(minutes=1), horizon=dt.timedelta(0), key=KEY)
    assert (result.sealed, result.late, result.checkpoint) == (3, 0, False)
    after = _chain()
    assert after[: len(before)] == before
    assert [seq for seq, *_ in after[len(before) :]] == [len(before) + 1, len(before) + 2, len(before) + 3]
    # Nothing new: nothing sealed; after a quiet quarter of an hour one checkpoint keeps the watermark moving.
    assert seal(now=later + dt.timedelta(minutes=2), horizon=dt.timedelta(0), key=KEY).sealed == 0
    assert len(_chain()) == len(after)
    quiet = seal(now=later + dt.timedelta(minutes=30), horizon=dt.timedelta(0), key=KEY)
    assert (quiet.sealed, quiet.checkpoint) == (0, True)
    assert verify(now=later + dt.timedelta(minutes=30), horizon=dt.timedelta(0), key=KEY).ok


def test_horizon_leaves_recent_rows_for_the_next_run(sealed, cast):
    later = sealed + dt.timedelta(minutes=5)
    _read_event(cast.chair, later)
    assert seal(now=later + dt.timedelta(seconds=30), key=KEY).sealed == 0  # 60 s horizon
    report = verify(now=later + dt.timedelta(seconds=30), key=KEY)
    assert report.ok and report.pending == 1
    assert verify(now=later + dt.timedelta(minutes=5), key=KEY).counts["unsealed"] == 1  # the job stopped?
    assert seal(now=later + dt.timedelta(minutes=2), key=KEY).sealed == 1


def test_max_rows_splits_a_run_without_late_rows(sealed, cast):
    later = sealed + dt.timedelta(minutes=1)
    for number in range(5):
        _read_event(cast.chair, later + dt.timedelta(seconds=number), number)
    moment = later + dt.timedelta(minutes=1)
    first = seal(now=moment, horizon=dt.timedelta(0), key=KEY, max_rows=2)
    assert (first.sealed, first.more) == (2, True)
    second = seal(now=moment, horizon=dt.timedelta(0), key=KEY, max_rows=10)
    assert (second.sealed, second.late, second.more) == (3, 0, False)
    assert verify(now=moment, horizon=dt.timedelta(0), key=KEY).ok


def test_the_key_matters(sealed):
    report = verify(now=sealed, horizon=dt.timedelta(0), key=b"another-key-another-key-another-key")
    assert report.counts["chain"] == AuditSeal.objects.count()


def test_key_from_environment_or_file_never_default_in_production(settings, monkeypatch, tmp_path):
    monkeypatch.delenv("INEEN_AUDIT_KEY", raising=False)
    monkeypatch.delenv("INEEN_AUDIT_KEY_FILE", raising=False)
    settings.PRODUCTION = False
    assert audit_key().startswith(b"insecure-development")
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match="INEEN_AUDIT_KEY"):
        audit_key()
    key_file = tmp_path / "audit.key"
    key_file.write_text("k" * 64 + "\n")
    monkeypatch.setenv("INEEN_AUDIT_KEY_FILE", str(key_file))
    assert audit_key() == b"k" * 64
    monkeypatch.setenv("INEEN_AUDIT_KEY", "x" * 40)
    with pytest.raises(ImproperlyConfigured, match="not both"):
        audit_key()
    monkeypatch.delenv("INEEN_AUDIT_KEY_FILE")
    assert audit_key() == b"x" * 40
    monkeypatch.setenv("INEEN_AUDIT_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        audit_key()


def test_export_holds_events_and_seals_and_verifies_on_its_own(sealed, cast, tmp_path):
    out = tmp_path / "audit.jsonl"
    result = export(since=sealed - dt.timedelta(hours=1), out=out)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["type"] for line in (lines[0], lines[-1])] == ["header", "footer"]
    entries = lines[1:-1]
    assert len(entries) == result["count"] == AuditSeal.objects.count()
    assert all(entry["row"] is not None and entry["chain_hash"] for entry in entries)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # personal data
    assert verify_export(out, key=KEY).ok

    # The next export starts where this one ended, and verifies on its own too.
    later = sealed + dt.timedelta(minutes=1)
    _read_event(cast.chair, later)
    seal(now=later + dt.timedelta(minutes=1), horizon=dt.timedelta(0), key=KEY)
    nxt = tmp_path / "next.jsonl"
    assert export(since=later, out=nxt)["count"] == 1
    header = json.loads(nxt.read_text().splitlines()[0])
    assert header["previous_chain_hash"] == entries[-1]["chain_hash"]
    assert verify_export(nxt, key=KEY).ok

    # A changed file is caught: an edited row, a dropped line.
    text = out.read_text().splitlines()
    edited = json.loads(text[3])
    edited["row"]["purpose"] = "iets anders"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*text[:3], json.dumps(edited), *text[4:]]) + "\n")
    assert verify_export(bad, key=KEY).counts["edited"] == 1
    bad.write_text("\n".join([*text[:3], *text[4:]]) + "\n")
    counts = verify_export(bad, key=KEY).counts
    assert counts["missing"] >= 1 and counts["chain"] == 1


def test_export_and_verify_commands(sealed, tmp_path, monkeypatch):
    monkeypatch.setenv("INEEN_AUDIT_KEY", KEY.decode())
    out = tmp_path / "export.jsonl"
    call_command(
        "audit_export",
        "--since",
        (sealed - dt.timedelta(days=1)).date().isoformat(),
        "--out",
        str(out),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    call_command("audit_verify", "--file", str(out), stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("audit_verify", "--horizon", "0", "--anchor", str(out), stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError):
        call_command("audit_export", "--since", "gisteren", "--out", str(out))


def test_seal_command_prints_the_chain_head(db, capsys, monkeypatch):
    monkeypatch.setenv("INEEN_AUDIT_KEY", KEY.decode())
    call_command("audit_seal", "--horizon", "0")
    head = AuditSeal.objects.order_by("-seq").first()
    assert f"chain head seq {head.seq} {head.chain_hash}" in capsys.readouterr().out
