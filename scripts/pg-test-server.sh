#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, on 127.0.0.1 and a free port.
#
#   scripts/pg-test-server.sh start [dir]   initdb + start + createdb; prints the URL (postgres://…) on stdout
#   scripts/pg-test-server.sh stop  [dir]   stops the cluster and removes its directory
#
# Without [dir] the cluster lives in $PG_TEST_DIR or /tmp/leerlijn-pg-test. Works as a normal user and
# as root (initdb refuses root, so the cluster is then owned by and run as the `postgres` user, which
# Debian's postgresql package creates). Needs PostgreSQL's initdb/pg_ctl: Debian puts them in
# /usr/lib/postgresql/<version>/bin (install with `apt-get install -y postgresql`).
set -euo pipefail

cmd="${1:-}"
DIR="${2:-${PG_TEST_DIR:-/tmp/leerlijn-pg-test}}"
DB_NAME="${PG_TEST_DB:-leerlijn_test}"
DB_USER="leerlijn"

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$d" && -x "$d/initdb" ]]; then
    echo "$d"
    return
  fi
  echo "pg-test-server: initdb/pg_ctl not found; install PostgreSQL (apt-get install -y postgresql)" >&2
  exit 1
}

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin port
  bin="$(find_bin)"
  if [[ -f "$DIR/url" ]] && as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    cat "$DIR/url"
    return
  fi
  if [[ "$(id -u)" == "0" ]] && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-server: running as root needs a 'postgres' user (apt-get install -y postgresql creates it)" >&2
    exit 1
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  [[ "$(id -u)" == "0" ]] && chown postgres: "$DIR"
  port="$(free_port)"
  # C collation: byte order like SQLite's BINARY collation; trust auth on loopback only.
  as_owner "$bin/initdb" -D "$DIR/data" --username="$DB_USER" --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
  # fsync off: a throwaway cluster, speed over durability. Socket in the cluster dir, not /var/run.
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" "$DB_NAME"
  echo "postgres://$DB_USER@127.0.0.1:$port/$DB_NAME" | as_owner tee "$DIR/url" >/dev/null
  cat "$DIR/url"
}

stop() {
  local bin
  bin="$(find_bin)"
  if [[ -d "$DIR/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop [dir]" >&2
    exit 2
    ;;
esac
