#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback with a throwaway database for the store tests, and writes
# /tmp/safework-ci/postgres.properties (url, user, password) for them to find.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
command -v pg_ctlcluster >/dev/null || apt-get install -y -q postgresql >/dev/null
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DROP DATABASE IF EXISTS safework_ci;
DROP ROLE IF EXISTS safework_ci;
CREATE ROLE safework_ci LOGIN PASSWORD 'safework_ci';
CREATE DATABASE safework_ci OWNER safework_ci;
SQL
port=$(su postgres -c "psql -tAc 'SHOW port'")
mkdir -p /tmp/safework-ci
cat > /tmp/safework-ci/postgres.properties <<PROPS
url=jdbc:postgresql://127.0.0.1:$port/safework_ci
user=safework_ci
password=safework_ci
PROPS
echo "PostgreSQL $version ready on port $port"
