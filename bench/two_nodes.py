# ruff: noqa: E402 - the path must be fixed before the imports (see bench/http.py)
"""Driver of bench/two_nodes.sh: two gunicorn nodes behind HAProxy, one stopped and started again under load.

Started by bench/two_nodes.sh (which prepares the database, Redis and HAProxy). This process starts the two
nodes itself (so it can stop them), logs in through the balancer (allauth + TOTP, bench/http.py), then runs
for the whole scenario:
- readers: professional and chair sessions loading Mijn werk, the case page and the case list;
- pollers: conference participants (the professional's and the chair's sessions, several tabs each) polling
  the live workspace every POLL_SECONDS, as workspace.html does;
- the chair: a contribution in the live workspace every few seconds (a change every participant must see).
Scenario: steady state; node A killed (SIGKILL: a crash, its in-flight requests are lost); A started
again; node B stopped gracefully (SIGTERM: gunicorn finishes what it has); B started again; steady state.
Prints requests sent and failed (per phase), sessions lost (a request answered with the login page), and
for every change whether every poller saw it and how long that took.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse
import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter

import requests

from bench.http import STAMP, login, targets

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KIND = re.compile(r'action="[^"]*/werkruimte/inbreng/"[^>]*>.*?name="kind" value="([^"]+)"', re.S)
POLL_SECONDS = 3


class Node:
    def __init__(self, name, port, logdir):
        self.name, self.port, self.logdir, self.process = name, port, logdir, None

    def start(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        # As the Containerfile: 2 processes with 4 threads each, so a slow page does not hold up the health check.
        command = [str(gunicorn), "ineen.wsgi:application", "--workers", "2", "--threads", "4", "--preload"]
        command += ["--timeout", "60"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "20", "--log-level", "warning"]
        log = open(self.logdir / f"node-{self.name}.log", "a")  # noqa: SIM115 - lives as long as the node
        # Its own process group, so a "crash" kills the master and its workers at once.
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/gezond/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        raise SystemExit(f"node {self.name} did not start")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


class Stats:
    def __init__(self):
        self.lock, self.phase = threading.Lock(), "warm-up"
        self.sent, self.failed, self.lost = Counter(), Counter(), Counter()
        self.errors = Counter()

    def count(self, ok, lost=False, error=""):
        with self.lock:
            self.sent[self.phase] += 1
            if not ok:
                self.failed[self.phase] += 1
                self.errors[error] += 1
            if lost:
                self.lost[self.phase] += 1


def request(stats, session, method, url, **kwargs):
    try:
        response = session.request(method, url, allow_redirects=False, timeout=30, **kwargs)
    except requests.RequestException as exc:
        stats.count(False, error=type(exc).__name__)
        return None
    lost = response.status_code in (301, 302, 303) and "/accounts/login/" in response.headers.get("Location", "")
    ok = response.status_code < 500 and not lost
    stats.count(ok, lost=lost, error="" if ok else f"HTTP {response.status_code}")
    return response


def clone(session):
    copy = requests.Session()
    copy.cookies.update(session.cookies.get_dict())
    return copy


def reader(stats, session, urls, stop):
    while not stop.is_set():
        for url in urls:
            request(stats, session, "GET", url)
        time.sleep(0.2)


class Poller:
    def __init__(self, name, session, base, conference):
        self.name, self.session = name, session
        self.url = f"{base}/overleggen/{conference}/werkruimte/nieuw/"
        page = session.get(f"{base}/overleggen/{conference}/werkruimte/")
        self.stamp = STAMP.search(page.text).group(1)
        self.seen = {}  # revision -> first time seen

    def revision(self):
        return int(self.stamp.split(".")[0])

    def run(self, stats, stop):
        while not stop.is_set():
            response = request(stats, self.session, "GET", f"{self.url}?v={self.stamp}", headers={"HX-Request": "true"})
            if response is not None and response.status_code == 200:
                found = STAMP.search(response.text)
                if found:
                    self.stamp = found.group(1)
                    self.seen.setdefault(self.revision(), time.monotonic())
            stop.wait(POLL_SECONDS)


def chair_changes(stats, session, base, conference, changes, stop):
    """A contribution every 4 s; records (revision after the change, time) of each one that succeeded."""
    workspace = f"{base}/overleggen/{conference}/werkruimte/"
    n = 0
    while not stop.is_set():
        page = request(stats, session, "GET", workspace)
        if page is not None and page.status_code == 200:
            kind = KIND.search(page.text)
            data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "kind": kind.group(1), "text": f"Bench {n}"}
            posted = request(stats, session, "POST", workspace + "inbreng/", data=data, headers={"Referer": workspace})
            if posted is not None and posted.status_code in (200, 302, 303):
                after = request(stats, session, "GET", workspace)
                if after is not None and after.status_code == 200:
                    changes.append((int(STAMP.search(after.text).group(1).split(".")[0]), time.monotonic()))
                    n += 1
        stop.wait(4)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--balancer", default="http://127.0.0.1:8780")
    parser.add_argument("--ports", default="8781,8782")
    parser.add_argument("--tabs", type=int, default=4, help="pollers per user (chair and professional)")
    parser.add_argument("--phase-seconds", type=float, default=15)
    parser.add_argument("--logdir", default=str(ROOT / "var" / "two_nodes"))
    args = parser.parse_args()
    logdir = Path(args.logdir)
    logdir.mkdir(parents=True, exist_ok=True)
    port_a, port_b = (int(p) for p in args.ports.split(","))
    a, b = Node("a", port_a, logdir), Node("b", port_b, logdir)
    t = targets()
    base = args.balancer
    stats, stop, chair_stop, changes = Stats(), threading.Event(), threading.Event(), []
    a.start()
    b.start()
    try:
        time.sleep(3)  # HAProxy's health checks see both nodes up
        pro, chair = login(base, "pro"), login(base, "chair")
        pollers = [
            Poller(f"{who}-{i}", clone(session), base, t["conference"])
            for who, session in (("pro", pro), ("chair", chair))
            for i in range(args.tabs)
        ]
        case = t["case"]
        threads = [
            threading.Thread(target=reader, args=(stats, clone(pro), [f"{base}/", f"{base}/casussen/{case}/"], stop)),
            threading.Thread(target=reader, args=(stats, clone(chair), [f"{base}/casussen/", f"{base}/"], stop)),
            threading.Thread(
                target=chair_changes, args=(stats, clone(chair), base, t["conference"], changes, chair_stop)
            ),
            *[threading.Thread(target=p.run, args=(stats, stop)) for p in pollers],
        ]
        for thread in threads:
            thread.start()
        steps = [
            ("both nodes", None),
            ("A killed (SIGKILL)", a.kill),
            ("A started again", a.start),
            ("B stopped (SIGTERM)", b.stop),
            ("B started again", b.start),
        ]
        for phase, action in steps:
            if action:
                action()
            stats.phase = phase
            time.sleep(args.phase_seconds)
        chair_stop.set()  # the last change: every participant gets two more polls to see it
        time.sleep(2 * POLL_SECONDS + 1)
        stop.set()
        for thread in threads:
            thread.join()
        time.sleep(0.5)
    finally:
        for node in (a, b):
            if node.process and node.process.poll() is None:
                node.stop()

    print(f"\n{'phase':<24} {'sent':>6} {'failed':>7} {'sessions lost':>14}")
    for phase in ["warm-up"] + [s for s, _ in steps]:
        if stats.sent[phase]:
            print(f"{phase:<24} {stats.sent[phase]:>6} {stats.failed[phase]:>7} {stats.lost[phase]:>14}")
    total = sum(stats.sent.values())
    print(f"{'total':<24} {total:>6} {sum(stats.failed.values()):>7} {sum(stats.lost.values()):>14}")
    if stats.errors:
        print("failures by kind:", dict(stats.errors))
    missed, delays = [], []
    for revision, at in changes:
        for poller in pollers:
            seen_at = min((when for rev, when in poller.seen.items() if rev >= revision), default=None)
            if seen_at is None:
                missed.append((poller.name, revision))
            else:
                delays.append(max(seen_at - at, 0))
    print(
        f"\nchanges posted by the chair: {len(changes)}; participants polling: {len(pollers)} (every {POLL_SECONDS} s)"
    )
    print(f"changes seen by every participant: {len(changes) - len({r for _, r in missed})} of {len(changes)}")
    if delays:
        delays.sort()
        print(f"delay from change to seen: median {delays[len(delays) // 2]:.1f} s, max {delays[-1]:.1f} s")
    if missed:
        print("missed:", missed[:10])
    return 1 if missed or sum(stats.lost.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
