#!/usr/bin/env bash
# Writes the lock files from pyproject.toml: requirements-dev.lock (runtime + dev: ./run test, CI) and
# requirements.lock (runtime: ./run demo, the Containerfile), both with hashes, resolved for every platform
# (--universal) from Python 3.12 on. Run after any change to the dependencies in pyproject.toml, and to
# upgrade: `scripts/lock.sh --upgrade` (or `--upgrade-package NAME`). docs/operations.md, "Lock file".
# Uses uv (a dev dependency; UV=/path/to/uv to use another one). .ci/check_lock.py checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
PY="${PYTHON:-python3}"
digest=$("$PY" .ci/check_lock.py --digest)
compile() {  # out, then uv options
  local out="$1"; shift
  "$UV" pip compile pyproject.toml --quiet --generate-hashes --universal --python-version 3.12 \
    --index-url https://pypi.org/simple --no-header --annotation-style line "$@" -o "$out.tmp"
  { echo "# Written by scripts/lock.sh from pyproject.toml; do not edit. Install: pip install --require-hashes -r $out"
    echo "# pyproject-digest: $digest"
    cat "$out.tmp"; } > "$out"
  rm "$out.tmp"
}
compile requirements-dev.lock --extra dev "$@"
# The runtime lock takes its versions from the dev lock, so the two never disagree.
compile requirements.lock --constraint requirements-dev.lock
"$PY" .ci/check_lock.py
