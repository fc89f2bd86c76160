#!/usr/bin/env bash
# Backup/restore drill (QUALITY.md, "Reliability"): on the local PostgreSQL, make a database with the demo
# data, seal the audit chain, back it up (pg_dump + the attachment folder), write once more (to show what a
# restore loses), restore into a FRESH database and folder, and check: equal row counts per table, the audit
# chain verifies, every attachment file is there and unchanged. Prints the figures; exits 1 on any mismatch.
#
#   bench/backup_restore_drill.sh            # uses postgres://postgres@127.0.0.1:5432, drops its own drill DBs
#
# RTO here = restore + verification time for this data set; RPO = the time between two backups (everything
# written after the last pg_dump is lost, as the drill shows); with WAL archiving the RPO is the archive
# interval instead. Scale the data with bench data generators to estimate production figures.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${DRILL_PG:-postgres://postgres@127.0.0.1:5432}"
SRC=ineen_drill_src DST=ineen_drill_dst
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PY=.venv/bin/python
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

export INEEN_ENV=development INEEN_AUDIT_SEAL_HORIZON=0
INEEN_AUDIT_KEY=$(openssl rand -hex 32); export INEEN_AUDIT_KEY
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $SRC" -c "DROP DATABASE IF EXISTS $DST" -c "CREATE DATABASE $SRC"

echo "== source: migrate, demo data, seal"
export DATABASE_URL="$PG/$SRC" INEEN_ATTACHMENT_ROOT="$WORK/src-files"
$PY manage.py migrate -v0
$PY manage.py seed_demo --quiet-accounts
$PY manage.py audit_seal --until-done >/dev/null

counts() {  # one line per table: name count
  psql -qAt "$1" -c "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1" |
    while read -r table; do echo "$table $(psql -qAt "$1" -c "SELECT count(*) FROM \"$table\"")"; done
}
counts "$PG/$SRC" > "$WORK/src.counts"

echo "== backup"
t0=$(now)
pg_dump -Fc -d "$PG/$SRC" -f "$WORK/ineen.dump"
tar -C "$WORK/src-files" -cf "$WORK/files.tar" .
t1=$(now)

# A write after the backup: what a restore from this backup cannot bring back (the RPO in practice).
$PY manage.py shell -v0 -c "
from ineen.cases.models import Case, CaseNote
case = Case.objects.filter(team__isnull=False).first()
author = case.team.first().user
CaseNote.objects.create(case=case, author=author, text='Na de back-up geschreven.', source_organisation=author.organisation)
"

echo "== restore into a fresh database and folder"
t2=$(now)
psql -q "$PG/postgres" -c "CREATE DATABASE $DST"
pg_restore --no-owner -d "$PG/$DST" "$WORK/ineen.dump"
mkdir -p "$WORK/dst-files" && tar -C "$WORK/dst-files" -xf "$WORK/files.tar"
t3=$(now)
counts "$PG/$DST" > "$WORK/dst.counts"
export DATABASE_URL="$PG/$DST" INEEN_ATTACHMENT_ROOT="$WORK/dst-files"
status=0
$PY manage.py audit_verify || status=1
$PY manage.py attachments_verify || status=1
t4=$(now)

if diff -u "$WORK/src.counts" "$WORK/dst.counts" > "$WORK/counts.diff"; then
  echo "row counts: equal in $(wc -l < "$WORK/src.counts") tables ($(awk '{s+=$2} END {print s}' "$WORK/src.counts") rows)"
else
  echo "row counts DIFFER:"; cat "$WORK/counts.diff"; status=1
fi
lost=$(psql -qAt "$PG/$DST" -c "SELECT count(*) FROM cases_casenote WHERE text = 'Na de back-up geschreven.'")
echo "write made after the backup, present after restore: $lost (expected 0: lost up to the RPO)"
echo "backup: $(secs "$t0" "$t1") s; restore: $(secs "$t2" "$t3") s; verify: $(secs "$t3" "$t4") s;" \
     "RTO (restore + verify) = $(secs "$t2" "$t4") s = $(awk -v a="$(secs "$t2" "$t4")" -v b="$(secs "$t0" "$t1")" 'BEGIN { printf "%.1f", a / b }')x the backup time"
psql -q "$PG/postgres" -c "DROP DATABASE $SRC" -c "DROP DATABASE $DST"
exit $status
