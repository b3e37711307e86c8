#!/usr/bin/env bash
# Runs the reporting cycle's tests (routes, package kz.gov.safework.cycle) on PostgreSQL 15 as well as H2:
# the V10/V11 migrations, the Quartz JDBC job store and every store query. Needs a local PostgreSQL
# (started by .ci/run) and root (to run psql as postgres). Usage: bash .ci/cycle.sh [extra mvn args]
# The console's browser tests are left to the main run: they read through the same API as CampaignApiTest, which
# runs here, and a second browser session on a loaded CI machine adds a minute and timing, not database coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

db=cycle_ci_$$
user=cycle_ci_$$
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
cleanup() {
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $db' -c 'DROP ROLE IF EXISTS $user'" || true
}
trap cleanup EXIT
su postgres -c "psql -q -c \"CREATE ROLE $user LOGIN PASSWORD '$password'\" -c 'CREATE DATABASE $db OWNER $user'"

mvn -B -q -pl routes -am test "$@" \
  -Dtest='kz.gov.safework.cycle.*Test,!kz.gov.safework.cycle.*BrowserTest' -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dcycle.test.postgres=jdbc:postgresql://127.0.0.1:5432/$db?user=$user&password=$password"
