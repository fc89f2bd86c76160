"""Fails when the lock files and pyproject.toml disagree (run by .ci/run; docs/operations.md, "Lock file").

    python .ci/check_lock.py            check requirements.lock and requirements-dev.lock
    python .ci/check_lock.py --digest   print the digest of pyproject's dependency lists (scripts/lock.sh)

Two checks per lock file:
1. The digest: the lock's header line "# pyproject-digest: sha256:..." must equal the digest of pyproject's
   dependency lists ([project] dependencies and optional-dependencies, canonical JSON). Any change to them
   without a new lock fails here, also one that the old pins happen to satisfy.
2. Every requirement of pyproject (runtime; with the dev extra for the dev lock) is pinned in the lock
   (`name==version`) at a version its specifier allows.
Standard library and `packaging` only (vendored by pip when not installed), so it runs before any install.
"""

import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a bare interpreter: pip carries a copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.lock": (), "requirements-dev.lock": ("dev",)}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
DIGEST = re.compile(r"^# pyproject-digest: (sha256:[0-9a-f]{64})$", re.M)


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def digest(proj: dict) -> str:
    lists = {"dependencies": proj.get("dependencies", []), "optional": proj.get("optional-dependencies", {})}
    text = json.dumps(lists, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def check(name: str, extras: tuple[str, ...], proj: dict) -> list[str]:
    path = ROOT / name
    if not path.exists():
        return [f"{name}: missing; run scripts/lock.sh"]
    text = path.read_text(encoding="utf-8")
    problems = []
    recorded = DIGEST.search(text)
    if recorded is None or recorded.group(1) != digest(proj):
        problems.append(f"{name}: written for another pyproject.toml (digest differs); run scripts/lock.sh")
    locked = pins(text)
    requirements = list(proj.get("dependencies", []))
    for extra in extras:
        requirements += proj.get("optional-dependencies", {}).get(extra, [])
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{name}: {requirement.name} is not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{name}: {requirement.name}=={version} does not satisfy {requirement.specifier}")
    if "--hash=sha256:" not in text:
        problems.append(f"{name}: no hashes (pip install --require-hashes needs them)")
    return problems


def main() -> int:
    proj = project()
    if sys.argv[1:] == ["--digest"]:
        print(digest(proj))
        return 0
    problems = [p for name, extras in LOCKS.items() for p in check(name, extras, proj)]
    for problem in problems:
        print(problem)
    if not problems:
        print("lock files match pyproject.toml")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
