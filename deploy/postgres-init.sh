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
GRANT USAGE ON SCHEMA public TO ineen_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ineen_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ineen_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ineen_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ineen_app;
SQL
