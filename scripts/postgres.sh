#!/usr/bin/env bash
# Starts (or stops) a PostgreSQL server of the project's own on a loopback port, for the cluster tests and benchmarks.
# Usage: scripts/postgres.sh start|stop|status|createdb NAME|sql DATABASE STATEMENT. Prints the ADO.NET connection string on start.
# Settings: DURE_PG_DIR (data directory, default /tmp/dure-postgres), DURE_PG_PORT (default 55432).
# The server runs as the Debian 'postgres' user when started by root (PostgreSQL refuses to run as root).
set -euo pipefail
dir="${DURE_PG_DIR:-/tmp/dure-postgres}"
port="${DURE_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$bin/pg_ctl" ]] || { echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

connection() { echo "Host=127.0.0.1;Port=$port;Username=dure;Database=postgres;Pooling=true;Maximum Pool Size=50"; }

case "${1:-start}" in
  start)
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      mkdir -p "$dir"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
      # C collation: text ids sort byte-wise, the same as in SQLite, so cursor paging agrees across stores.
      as_owner "$bin/initdb" -D "$dir" -U dure -A trust --locale=C --encoding=UTF8 >/dev/null
      cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
shared_buffers = 256MB
CONF
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    connection
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  status)
    as_owner "$bin/pg_ctl" -D "$dir" status
    ;;
  createdb)
    # A database of its own per test run or cluster; idempotent.
    name="${2:?usage: $0 createdb NAME}"
    "$bin/psql" -h 127.0.0.1 -p "$port" -U dure -d postgres -v ON_ERROR_STOP=1 -qAt \
      -c "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 ||
      "$bin/psql" -h 127.0.0.1 -p "$port" -U dure -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE \"$name\""
    echo "Host=127.0.0.1;Port=$port;Username=dure;Database=$name;Pooling=true;Maximum Pool Size=50"
    ;;
  sql)
    "$bin/psql" -h 127.0.0.1 -p "$port" -U dure -d "${2:?usage: $0 sql DATABASE STATEMENT}" -v ON_ERROR_STOP=1 -qAt -c "${3:?}"
    ;;
  *)
    echo "usage: $0 start|stop|status|createdb NAME|sql DATABASE STATEMENT" >&2; exit 2
    ;;
esac
