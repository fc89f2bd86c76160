#!/usr/bin/env bash
# One command: make the benchmark database for a scale (if not there yet), generate the data, measure.
#
#   bench/run.sh tiny|region|national [http.py options, e.g. --rounds 50]
#
# Uses PostgreSQL at $BENCH_PG (default postgres://postgres@127.0.0.1:5432), database bench_<scale>.
# Prints the generator's rows/s, one audit_seal run's rate, and the HTTP figures (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:?usage: bench/run.sh tiny|region|national [http.py options]}"
shift
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
DB="bench_$SCALE"
PY="${PYTHON:-.venv/bin/python}"
export DATABASE_URL="$PG/$DB" DJANGO_SETTINGS_MODULE=bench.settings
unset DJANGO_DEBUG

if ! psql -qAt "$PG/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  echo "== create $DB and migrate"
  psql -q "$PG/postgres" -c "CREATE DATABASE $DB"
  $PY manage.py migrate -v0
fi

echo "== generate ($SCALE)"
$PY -u bench/generate.py --scale "$SCALE"

echo "== audit_seal: one run (at most 100,000 rows)"
start=$(date +%s.%N)
out=$($PY manage.py audit_seal --max-rows 100000)
end=$(date +%s.%N)
echo "$out"
rows=$(echo "$out" | sed -n 's/^Sealed \([0-9]*\) rows.*/\1/p')
awk -v r="${rows:-0}" -v a="$start" -v b="$end" 'BEGIN { printf "%d rows in %.1f s = %.0f rows/s (incl. start-up)\n", r, b - a, r / (b - a) }'

echo "== HTTP benchmark (gunicorn, 2 workers)"
$PY -u bench/http.py "$@"
