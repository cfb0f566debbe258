#!/usr/bin/env bash
# npm run test:pg [-- jest options]: the integration tests on a throwaway PostgreSQL cluster.
# Starts the cluster with scripts/pg-test-server.sh, runs `jest --selectProjects integration`
# with TEST_DATABASE_URL pointing at it, then (without jest options) the e2e test of two app
# processes on one PostgreSQL database (tests/e2e/two-processes.test.ts, needs `npm run build`),
# and always stops the cluster again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-postgres.sh
dir="$(mktemp -u /tmp/leerlijn-pg-test.XXXXXX)"
url="$(bash scripts/pg-test-server.sh start "$dir")"
trap 'bash scripts/pg-test-server.sh stop "$dir"' EXIT
echo "PostgreSQL voor de tests: $url"
TEST_DATABASE_URL="$url" npx jest --selectProjects integration "$@"
if [[ $# -eq 0 ]]; then
  echo "== twee app-processen op één PostgreSQL-database =="
  TEST_DATABASE_URL="$url" npx jest --selectProjects e2e --testPathPatterns two-processes
fi
