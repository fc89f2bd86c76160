# ruff: noqa: E402 - the path must be fixed before the imports (see below)
"""HTTP benchmark against a real application server (gunicorn, 2 workers, bench/settings.py) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_region .venv/bin/python bench/http.py

Logs in over HTTP as the bench users (CSRF, allauth login, TOTP second factor: MFA is enforced as in
production), then measures every key page and API endpoint interleaved with the floor (bench/urls.py: a
login-required view doing one primary-key lookup): for each round and each page, one floor request and
one page request, in a shuffled (seeded) order. Prints p50/p95 in ms and as a ratio to the floor's, the
queries the server ran (X-Bench-Queries, bench/middleware.py), and the poll's throughput under 20 and 100
concurrent clients against the floor's. Figures only: nothing here passes or fails.

The client runs on the same machine as the server and the database (it competes for the same cores; the
ratio to the floor, measured under the same conditions, is the figure to compare).
"""

import sys
from pathlib import Path

# Run as `python bench/http.py`, Python puts bench/ first on the path, where this file would shadow the
# standard library's `http` (which requests imports): the project root goes there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse
import os
import random
import re
import statistics
import subprocess
import threading
import time

import requests

from bench.common import BENCH_CASES, PASSWORD, USERS, totp

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'id="ws-stamp" name="v" value="([^"]*)"')


def targets():
    """The ids the pages need, read from the benchmark database (this process only reads)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from ineen.accounts.models import User
    from ineen.cases.models import Case
    from ineen.conferences.enums import ConferenceState
    from ineen.conferences.models import Conference

    pro = User.objects.get(email=USERS["pro"][0])
    conference = Conference.objects.get(state=ConferenceState.LIVE, invitations__user=pro)
    house = conference.case.safety_house
    cases = Case.objects.filter(safety_house=house).count()
    return {
        "case": conference.case.public_id,
        "conference": conference.public_id,
        "deep_page": max(1, min(500, cases // 25 // 2)),
        "cases_in_house": cases,
        "pro_cases": pro.team_memberships.count(),
    }


def pages(t):
    """(label, user, path, extra headers). The poll's path gets its stamp at run time."""
    case, conf = t["case"], t["conference"]
    return [
        ("Mijn werk (chair)", "chair", "/", {}),
        ("Mijn werk (professional)", "pro", "/", {}),
        ("case list p1 (chair)", "chair", "/casussen/", {}),
        ("case list p1 (professional)", "pro", "/casussen/", {}),
        (f"case list p{t['deep_page']} (chair)", "chair", f"/casussen/?pagina={t['deep_page']}", {}),
        ("case search HTML (chair)", "chair", "/casussen/?q=jans", {}),
        ("case search API (chair)", "chair", "/api/v1/cases?q=jans", {}),
        ("case search HTML (professional)", "pro", "/casussen/?q=jans", {}),
        ("case page", "pro", f"/casussen/{case}/", {}),
        ("household", "pro", f"/casussen/{case}/huishouden/", {}),
        ("conference workspace", "pro", f"/overleggen/{conf}/werkruimte/", {}),
        ("report", "pro", f"/overleggen/{conf}/verslag/", {}),
        ("plan page (40 actions)", "pro", f"/casussen/{case}/plan/", {}),
        ("poll, nothing new (204)", "pro", "POLL", {"HX-Request": "true"}),
        ("audit log page (log manager)", "log", "/audit/", {}),
        # QUALITY "Analytics": the dossier analysis over all households of the chair's house (issue 13, point 3)
        ("dossier analysis (chair)", "chair", "/inzicht/dossieranalyse/", {}),
        ("API dossier analysis (chair)", "chair", "/api/v1/insights/dossier-analysis", {}),
        ("API cases (professional)", "pro", "/api/v1/cases", {}),
        ("API case", "pro", f"/api/v1/cases/{case}", {}),
        ("API case plan", "pro", f"/api/v1/cases/{case}/plan", {}),
        ("API case notes", "pro", f"/api/v1/cases/{case}/notes", {}),
    ]


class Server:
    def __init__(self, port, workers):
        self.port, self.workers, self.process = port, workers, None

    def __enter__(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "INEEN_LOG_LEVEL": "ERROR"}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "ineen.wsgi:application", "--workers", str(self.workers)]
        # --preload: Django is imported once, before the fork (as in production), not by each worker's first
        # request; database connections are still opened per worker.
        command += ["--bind", f"127.0.0.1:{self.port}", "--timeout", "300", "--log-level", "warning", "--preload"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own fixed command
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{self.port}/accounts/login/", timeout=30)
                return self
            except requests.RequestException:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):  # also on any error inside the `with`: no server is left behind
        self.process.terminate()
        self.process.wait(timeout=30)


def login(base, key):
    email, secret = USERS[key]
    session = requests.Session()
    form = session.get(f"{base}/accounts/login/")
    data = {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": CSRF.search(form.text).group(1)}
    answer = session.post(f"{base}/accounts/login/", data=data)
    for _attempt in range(3):
        if "/2fa/" not in answer.url:
            break
        # The second factor: a TOTP code, as an authenticator app shows it. allauth refuses a code used
        # before (a rerun within 30 s): then wait for the next one.
        if _attempt:
            time.sleep(30 - time.time() % 30 + 1)
        token = CSRF.search(answer.text).group(1)
        answer = session.post(answer.url, data={"code": totp(secret), "csrfmiddlewaretoken": token})
    if answer.status_code != 200 or answer.url.rstrip("/") != base:
        raise SystemExit(f"login as {key} failed: {answer.status_code} {answer.url}")
    return session


class Poll:
    """The workspace's poll with the stamp the page gave; a new stamp when the clock's minute moved."""

    def __init__(self, session, base, conference):
        self.session, self.url = session, f"{base}/overleggen/{conference}/werkruimte/nieuw/"
        page = session.get(f"{base}/overleggen/{conference}/werkruimte/")
        self.stamp = STAMP.search(page.text).group(1)

    def path(self):
        return f"{self.url}?v={self.stamp}"

    def seen(self, response):
        found = STAMP.search(response.text) if response.status_code == 200 else None
        if found:
            self.stamp = found.group(1)


def timed(session, url, headers):
    started = time.perf_counter()
    response = session.get(url, headers=headers, allow_redirects=False)
    return (time.perf_counter() - started) * 1000, response


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(base, sessions, poll, plan, rounds, seed):
    rng = random.Random(seed)
    floor, results = [], {label: {"ms": [], "queries": [], "status": set()} for label, *_ in plan}
    floor_queries = []
    for n in range(rounds + 1):  # round 0 warms up (templates, connections, caches) and is not counted
        order = list(plan)
        rng.shuffle(order)
        for label, user, path, headers in order:
            url = poll.path() if path == "POLL" else base + path
            ms_floor, response = timed(sessions["pro"], f"{base}/bench/floor/", {})
            floor_ms = ms_floor
            ms, answer = timed(sessions[user], url, headers)
            if path == "POLL":
                poll.seen(answer)
            if n == 0:
                continue
            floor.append(floor_ms)
            floor_queries.append(int(response.headers.get("X-Bench-Queries", -1)))
            results[label]["ms"].append(ms)
            results[label]["queries"].append(int(answer.headers.get("X-Bench-Queries", -1)))
            results[label]["status"].add(answer.status_code)
    return floor, floor_queries, results


def throughput(base, cookies, url_for, headers, clients, seconds, poll=None):
    """Requests per second completed by `clients` threads, each looping for `seconds`. With `poll`, each
    thread polls like the page's script: it starts from the poll's current stamp and takes the new stamp
    from every 200 answer (the clock's minute moved), so it measures the "nothing new" path and not, after
    a minute boundary, the clock update over and over. Returns (rate, errors, share of 204 answers)."""
    done, errors, quiet = [0] * clients, [0] * clients, [0] * clients
    stop = time.perf_counter() + seconds

    def client(i):
        session = requests.Session()
        session.cookies.update(cookies)
        stamp = poll.stamp if poll else None
        while time.perf_counter() < stop:
            url = f"{poll.url}?v={stamp}" if poll else url_for()
            response = session.get(url, headers=headers, allow_redirects=False)
            if response.status_code in (200, 204):
                done[i] += 1
                quiet[i] += response.status_code == 204
                found = STAMP.search(response.text) if poll and response.status_code == 200 else None
                if found:
                    stamp = found.group(1)
            else:
                errors[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started), sum(errors), sum(quiet) / max(1, sum(done))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=30, help="measured requests per page (and as many floors)")
    parser.add_argument("--seconds", type=float, default=10, help="duration of each throughput run")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    t = targets()
    base = f"http://127.0.0.1:{args.port}"
    plan = pages(t)
    print(f"{t['cases_in_house']:,} cases in the bench house; the professional is in {t['pro_cases']} cases")
    with Server(args.port, args.workers):
        sessions = {key: login(base, key) for key in USERS}
        poll = Poll(sessions["pro"], base, t["conference"])
        started = time.perf_counter()
        floor, floor_queries, results = measure(base, sessions, poll, plan, args.rounds, args.seed)
        f50, f95 = pct(floor, 50), pct(floor, 95)
        print(f"\n{args.rounds} rounds, interleaved with the floor, in {time.perf_counter() - started:.0f} s")
        print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×':>7} {'p95 ×':>7} {'queries':>8} status")
        q = statistics.median(floor_queries)
        print(f"{'floor':<34} {f50:8.1f} {f95:8.1f} {1:7.1f} {1:7.1f} {q:8.0f} 200")
        for label, r in results.items():
            p50, p95, queries = pct(r["ms"], 50), pct(r["ms"], 95), statistics.median(r["queries"])
            status = ",".join(str(s) for s in sorted(r["status"]))
            print(f"{label:<34} {p50:8.1f} {p95:8.1f} {p50 / f50:7.1f} {p95 / f95:7.1f} {queries:8.0f} {status}")

        print("\nthroughput (requests/s, each run", args.seconds, "s)")
        cookies = sessions["pro"].cookies.get_dict()
        poll_headers = {"HX-Request": "true"}
        for clients in (20, 100):
            floor_rate, floor_errors, _ = throughput(
                base, cookies, lambda: f"{base}/bench/floor/", {}, clients, args.seconds
            )
            # A fresh stamp first: the last measured round may be more than a minute ago.
            poll.seen(sessions["pro"].get(poll.path(), headers=poll_headers, allow_redirects=False))
            poll_rate, poll_errors, quiet = throughput(
                base, cookies, poll.path, poll_headers, clients, args.seconds, poll=poll
            )
            print(
                f"{clients:>4} clients: floor {floor_rate:7.1f}/s, poll {poll_rate:7.1f}/s "
                f"= {poll_rate / floor_rate:.2f}× the floor (errors: floor {floor_errors}, poll {poll_errors}; "
                f"{quiet:.0%} of the poll's answers were 204)"
            )
    assert t["pro_cases"] >= BENCH_CASES


if __name__ == "__main__":
    main()
