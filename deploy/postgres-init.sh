#!/bin/sh
# First start of the compose file's PostgreSQL (docker-entrypoint-initdb.d): the two roles of
# docs/operations.md, "Audit log protection": ineen_owner owns the tables (migrate), ineen_app (the
# application) owns nothing, so it cannot disable the audit's append-only triggers.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE ineen_owner LOGIN PASSWORD '$INEEN_OWNER_PASSWORD';
CREATE ROLE ineen_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$INEEN_APP_PASSWORD';
CREATE DATABASE ineen OWNER ineen_owner;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname ineen <<SQL
ALTER SCHEMA public OWNER TO ineen_owner;
-- Case search (issue 12): pg_trgm, with the planner told what its word similarity costs (the functions
-- belong to the superuser; migration households 0008 does the same where it may).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER FUNCTION word_similarity_op(text, text) COST 100;
ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
GRANT USAGE ON SCHEMA public TO ineen_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ineen_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ineen_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ineen_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ineen_app;
SQL
