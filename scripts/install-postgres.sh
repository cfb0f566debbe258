#!/usr/bin/env bash
# Installs Debian's PostgreSQL for `npm run test:pg` (the integration tests on PostgreSQL).
# Does nothing when initdb is already there. The service itself is not started: the tests start
# a throwaway cluster of their own (scripts/pg-test-server.sh).
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL ontbreekt en apt-get is er niet. Installeer PostgreSQL zelf (initdb en pg_ctl)." >&2
  exit 1
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "PostgreSQL ontbreekt. Installeer het als root: apt-get install postgresql" >&2
    exit 1
  fi
fi
echo "PostgreSQL wordt geïnstalleerd voor de tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
echo "PostgreSQL staat klaar: $(compgen -G '/usr/lib/postgresql/*/bin/initdb' | head -1)"
