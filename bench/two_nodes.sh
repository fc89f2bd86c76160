#!/usr/bin/env bash
# Proof that Ineen scales out (issue 12): two gunicorn nodes behind HAProxy (Debian's package), sharing
# PostgreSQL (sessions in the database) and Redis (the cache), while one node is killed and started again.
#
#   bench/two_nodes.sh            (as root it installs haproxy with apt-get when missing)
#
# Uses the local PostgreSQL at $BENCH_PG (default postgres://postgres@127.0.0.1:5432), database
# bench_two_nodes (created, migrated and filled with bench/generate.py --scale tiny on the first run), the
# local Redis at $BENCH_REDIS (default redis://127.0.0.1:6379/5, flushed first), HAProxy on 127.0.0.1:8780,
# nodes on 8781 and 8782. Prints requests sent/failed, sessions lost, and whether every conference
# participant saw every change (bench/two_nodes.py). Logs: var/two_nodes/.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
DB=bench_two_nodes
PY="${PYTHON:-.venv/bin/python}"
REDIS="${BENCH_REDIS:-redis://127.0.0.1:6379/5}"
LOGDIR=var/two_nodes
mkdir -p "$LOGDIR"
export DATABASE_URL="$PG/$DB" DJANGO_SETTINGS_MODULE=bench.settings INEEN_REDIS_URL="$REDIS"
# One JSON line per request in the nodes' logs (what production writes to stdout).
export INEEN_REQUEST_LOG=1 INEEN_LOG_FORMAT=json INEEN_LOG_LEVEL=WARNING
unset DJANGO_DEBUG

if ! command -v haproxy >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq haproxy >/dev/null; else echo "needs: apt-get install haproxy" >&2; exit 1; fi
fi
redis-cli -u "$REDIS" ping >/dev/null || { echo "Redis is not answering at $REDIS" >&2; exit 1; }
redis-cli -u "$REDIS" flushdb >/dev/null

if ! psql -qAt "$PG/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  echo "== create $DB, migrate, generate (tiny)"
  psql -q "$PG/postgres" -c "CREATE DATABASE $DB"
  $PY manage.py migrate -v0
  $PY -u bench/generate.py --scale tiny
fi

cat > "$LOGDIR/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A busy node answers its health check late, not never: only a node that refuses connections or stays
  # silent for 5 s three times in a row is taken out (a crashed node refuses at once).
  timeout check 5s
  # A request that could not reach a node (connection refused) is sent to the other one. A GET whose node
  # died before answering is sent again too (retry-on empty-response); a POST never is (see the backend): it
  # may have been committed, and sending it twice could write twice. It fails, and the user sends it again.
  retries 2
  option redispatch
  retry-on conn-failure empty-response
frontend ineen
  bind 127.0.0.1:8780
  default_backend nodes
backend nodes
  balance roundrobin
  http-request disable-l7-retry unless { method GET HEAD }
  option httpchk
  http-check send meth GET uri /gezond/ ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  default-server check inter 1s fall 3 rise 2
  server a 127.0.0.1:8781
  server b 127.0.0.1:8782
CFG
haproxy -c -q -f "$LOGDIR/haproxy.cfg"
haproxy -db -f "$LOGDIR/haproxy.cfg" >"$LOGDIR/haproxy.log" 2>&1 &
haproxy_pid=$!
trap 'kill "$haproxy_pid" 2>/dev/null || true' EXIT
echo "== HAProxy $(haproxy -v | head -1 | awk '{print $3}') on 127.0.0.1:8780, nodes 8781 and 8782, Redis $REDIS"
$PY -u bench/two_nodes.py "$@"
