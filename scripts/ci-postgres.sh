#!/usr/bin/env bash
# Starts a private PostgreSQL server for the store tests and prints its connection URL on standard output (the only
# thing printed there; progress goes to standard error), so CI can do:
#   export NEWSLEDGER_TEST_PG="$(scripts/ci-postgres.sh)"
# The server lives in a temporary folder, runs as an unprivileged user, listens on loopback only and trusts local
# connections: it is a throwaway test database, never a deployment. PostgreSQL is installed from Debian if missing.
#   scripts/ci-postgres.sh stop DIR    stops a server this script started (DIR is printed on standard error)
set -euo pipefail

log() { echo "ci-postgres: $*" >&2; }

pg_bin() {
  # Debian keeps the server binaries (initdb, pg_ctl, postgres) outside PATH, one folder per major version.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo ""
}

# Runs a command as the unprivileged user when we are root (PostgreSQL refuses to run as root).
as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

PG_USER=${NEWSLEDGER_PG_USER:-postgres}

if [ "${1:-}" = stop ]; then
  BIN=$(pg_bin)
  as_user "$BIN/pg_ctl" -D "$2/data" -m fast stop >&2
  exit 0
fi

BIN=$(pg_bin)
if [ -z "$BIN" ]; then
  log "PostgreSQL not found: installing it from Debian"
  if [ "$(id -u)" != 0 ]; then log "need root to apt-get install postgresql"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(pg_bin)
fi
if [ "$(id -u)" = 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home "$PG_USER"
fi

# The first free loopback port from 54329 (another test server, or a developer's, may hold one).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${NEWSLEDGER_PG_PORT:-54329}
while port_busy "$PORT"; do PORT=$((PORT + 1)); done
# The folder may be chosen by the caller (so it can stop the server when it is done), else a new temporary one.
DIR=${NEWSLEDGER_PG_DIR:-$(mktemp -d /tmp/newsledger-pg.XXXXXX)}
chmod 755 "$DIR"
if [ "$(id -u)" = 0 ]; then chown "$PG_USER" "$DIR"; fi
log "initdb in $DIR ($BIN)"
as_user "$BIN/initdb" -D "$DIR/data" -U newsledger --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
# Unix socket in the private folder too, so nothing is written to /var/run.
as_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=100" start >&2
as_user "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U newsledger newsledger >&2
log "server running; stop it with: scripts/ci-postgres.sh stop $DIR"
echo "postgres://newsledger@127.0.0.1:$PORT/newsledger"
