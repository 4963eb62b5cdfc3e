#!/usr/bin/env bash
# A throwaway Postgres for the tests: `scripts/test-postgres.sh start` prints the URL to export as
# KIRINUKI_TEST_POSTGRES_URL; `stop` ends it and removes its folder. Postgres refuses to run as
# root, so as root the cluster belongs to (and runs as) the postgres user.
set -euo pipefail
DIR="${KIRINUKI_TEST_POSTGRES_DIR:-/tmp/kirinuki-test-postgres}"
PORT="${KIRINUKI_TEST_POSTGRES_PORT:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/pg_ctl" ] || { echo "Postgres server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_owner "$BIN/initdb" -D "$DIR/data" -U kirinuki --auth=trust -E UTF8 >/dev/null
    fi
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgres://kirinuki@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
