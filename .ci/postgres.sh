#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests (Debian's package, installed when missing).
#   eval "$(.ci/postgres.sh start)"   # starts it and prints: export SITREPS_TEST_POSTGRES=postgresql://...
#   .ci/postgres.sh stop              # stops it and removes its files
set -euo pipefail
PORT=${SITREPS_PG_PORT:-54329}
DIR=${SITREPS_PG_DIR:-/tmp/sitreps-test-postgres}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
  if [ -z "$(pgbin)" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  BIN=$(pgbin)
  if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$DIR" && mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
  as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres sitreps_test
  echo "export SITREPS_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$PORT/sitreps_test"
  ;;
stop)
  BIN=$(pgbin)
  if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
  rm -rf "$DIR"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
