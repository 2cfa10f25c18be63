#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d): each service
# gets its own database, owned by its own user, which no other user may connect to.
set -eu

create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$1" --set=password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create auth "$AUTH_DB_PASSWORD"
create orders "$ORDERS_DB_PASSWORD"
create profiles "$PROFILES_DB_PASSWORD"
