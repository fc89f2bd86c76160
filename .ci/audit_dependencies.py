"""Known vulnerabilities of the installed packages, from the registry itself.

pip-audit asks PyPI per version (/pypi/<name>/<version>/json) or OSV; on the CI machine neither answers
(only the package registry is reachable, and it serves the project endpoint /pypi/<name>/json only). That
endpoint carries the advisories ("vulnerabilities") of the project's LATEST release. So:
- installed == latest: its advisories are exactly ours; any that is not withdrawn fails the build;
- installed != latest: we cannot tell from here; listed as "not audited" (never counted as clean).
Run with the project's interpreter: .venv/bin/python .ci/audit_dependencies.py. Exit 1 on a known
vulnerability, 0 otherwise (the not-audited packages are printed).
"""

import json
import sys
import urllib.error
import urllib.request
from importlib.metadata import distributions

INDEX = "https://pypi.org/pypi/{name}/json"


def latest(name: str) -> dict | None:
    try:
        with urllib.request.urlopen(INDEX.format(name=name), timeout=30) as response:  # noqa: S310 - fixed https URL
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
        return None


def main() -> int:
    installed = sorted({(d.metadata["Name"], d.version) for d in distributions() if d.metadata["Name"]},
                       key=lambda pair: pair[0].lower())
    audited, not_audited, found = 0, [], []
    for name, version in installed:
        if name.lower() in {"ineen", "pip", "setuptools"}:
            continue
        data = latest(name)
        if data is None:
            not_audited.append(f"{name} {version} (registry did not answer)")
            continue
        if data["info"]["version"] != version:
            not_audited.append(f"{name} {version} (latest is {data['info']['version']})")
            continue
        audited += 1
        for vuln in data.get("vulnerabilities") or []:
            if not vuln.get("withdrawn"):
                found.append(f"{name} {version}: {vuln.get('id')} {', '.join(vuln.get('aliases') or [])} "
                             f"fixed in {', '.join(vuln.get('fixed_in') or []) or '?'}")
    print(f"dependency audit: {audited} packages at their latest release checked, {len(found)} known "
          f"vulnerabilities; {len(not_audited)} not audited")
    for line in found:
        print(f"  VULNERABLE {line}")
    for line in not_audited:
        print(f"  not audited: {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
