"""Audit at volume: generate millions of audit events quickly, then measure audit_seal and audit_verify.

Run as a module from the repository root (as a script, bench/http.py would shadow the standard library):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_audit DJANGO_SETTINGS_MODULE=bench.settings \\
        .venv/bin/python -m bench.audit_volume generate --events 3000000 --months 24
    ... -m bench.audit_volume seal           # rows/s of audit_seal --until-done (100,000 rows per run)
    ... -m bench.audit_volume verify        # audit_verify: seconds, rows/s, peak RSS

Events are inserted with one `generate_series` statement per million (read events of case pages, the shape
events.record writes), spread evenly over the last --months months up to ten minutes ago, so every month
has its partition. This measures the audit machinery, not the application: bench/generate.py makes the
realistic data set. Do not point it at a database you care about: it adds rows that cannot be removed.
"""

import argparse
import os
import resource
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

INSERT = """
INSERT INTO audit_auditevent (event_id, occurred_at, actor_id, actor_label, organisation_label, role,
    safety_house_code, action, object_type, object_id, household_id, person_ids, outcome, origin_ip,
    origin_channel, request_path, purpose, detail, context_id)
SELECT gen_random_uuid(), %(start)s::timestamptz + (g::float8 * %(step)s) * interval '1 second', NULL,
    'Bench Gebruiker ' || (g %% 500), 'Organisatie ' || (g %% 40), 'professional', 'ZVH' || (g %% 10),
    (ARRAY['view', 'view', 'list', 'update'])[1 + g %% 4], 'case', md5(g::text), gen_random_uuid()::text,
    jsonb_build_array(gen_random_uuid()::text), 'allowed', '10.0.0.1'::inet, 'web',
    '/casussen/' || md5(g::text) || '/', 'casusoverzicht', '', gen_random_uuid()
FROM generate_series(%(first)s, %(last)s) g
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(events: int, months: int) -> None:
    end = timezone.now() - timezone.timedelta(minutes=10)
    start = end - timezone.timedelta(days=30.4 * months)
    step = (end - start).total_seconds() / events
    began = time.monotonic()
    for first in range(0, events, 1_000_000):
        last = min(first + 1_000_000, events) - 1
        with connection.cursor() as cursor:
            cursor.execute(INSERT, {"start": start, "step": step, "first": first, "last": last})
        print(f"  {last + 1:,} events ({time.monotonic() - began:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditevent")
    print(f"Generated {events:,} events over {months} months in {time.monotonic() - began:.0f} s.")


def seal(max_runs: int | None) -> None:
    from ineen.audit.sealing import seal as run

    began, total, runs = time.monotonic(), 0, 0
    while True:
        t0 = time.monotonic()
        result = run(max_rows=100_000)
        total, runs = total + result.sealed, runs + 1
        took = time.monotonic() - t0
        print(f"  run {runs}: {result.sealed:,} rows in {took:.1f} s ({result.sealed / took:,.0f} rows/s)", flush=True)
        if not result.more or (max_runs and runs >= max_runs):
            break
    took = time.monotonic() - began
    print(f"Sealed {total:,} rows in {took:.0f} s: {total / took:,.0f} rows/s; peak RSS {peak_rss_mb():.0f} MB.")


def verify() -> None:
    from ineen.audit.verification import verify as run

    began = time.monotonic()
    report = run()
    took = time.monotonic() - began
    for line in report.lines()[:8]:
        print(line)
    print(
        f"Verified {report.seals:,} seals and {report.rows:,} rows in {took:.0f} s "
        f"({report.rows / took:,.0f} rows/s); peak RSS {peak_rss_mb():.0f} MB."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--events", type=int, default=3_000_000)
    gen.add_argument("--months", type=int, default=24)
    sealing = sub.add_parser("seal")
    sealing.add_argument("--max-runs", type=int, default=None)
    sub.add_parser("verify")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.events, args.months)
    elif args.command == "seal":
        seal(args.max_runs)
    else:
        verify()


if __name__ == "__main__":
    main()
