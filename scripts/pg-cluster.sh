#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for `make test` (docs/decisions/0028-postgresql-store.md):
#   scripts/pg-cluster.sh start [DIR]  -> prints the folder (DIR, else a new one under /tmp);
#                                         the server listens only on the
#                                         Unix socket in it (listen_addresses=''), no TCP
#   scripts/pg-cluster.sh stop FOLDER  -> stops it and removes the folder
#   scripts/pg-cluster.sh kill FOLDER  -> pg_ctl stop -m immediate (the fault tests' crash)
#   scripts/pg-cluster.sh restart FOLDER
#   scripts/pg-cluster.sh standby PRIMARY FOLDER -> a streaming replica (application_name standby1)
#   scripts/pg-cluster.sh promote FOLDER         -> the standby becomes a primary
# The server runs as the `postgres` account (initdb refuses root): run as root, it uses
# runuser. Its superuser is the account running this script, reached by peer
# authentication; every other role signs in with SCRAM (the tests' office roles).
set -euo pipefail
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "pg-cluster: no PostgreSQL server programs (apt-get install postgresql)" >&2; exit 1; }
me=$(id -un)
as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
options() { echo "-c listen_addresses='' -c unix_socket_directories='$1' -c max_connections=60 -c shared_buffers=32MB"; }
case ${1:-} in
start)
  if [ -n "${2:-}" ]; then dir=$2; mkdir -p "$dir"; else dir=$(mktemp -d /tmp/xinfang-pg.XXXXXX); fi
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  as_server "$bin/initdb" -D "$dir/data" -U "$me" -E UTF8 --no-locale --auth-local=peer --auth-host=reject >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  printf 'local all %s peer\nlocal all all scram-sha-256\nlocal replication all peer map=replication\n' "$me" \
    | as_server tee "$dir/data/pg_hba.conf" >/dev/null
  # A standby's server (the postgres account) and this account stream as this account's role.
  printf 'replication postgres %s\nreplication %s %s\n' "$me" "$me" "$me" | as_server tee "$dir/data/pg_ident.conf" >/dev/null
  # (No descriptor of ours is left to the server: a caller reading our output to its end
  # would wait for the server to stop.)
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$(options "$dir")" start </dev/null >/dev/null 2>&1 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$dir"
  ;;
stop)
  dir=$2
  as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
standby)
  # scripts/pg-cluster.sh standby PRIMARY DIR: a streaming replica of PRIMARY's cluster in DIR,
  # named standby1 (the primary's synchronous_standby_names picks it by that name).
  primary=$2; dir=$3
  mkdir -p "$dir"; chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  as_server "$bin/pg_basebackup" -h "$primary" -U "$me" -D "$dir/data" -X stream -R -d "host=$primary user=$me application_name=standby1" \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$(options "$dir")" start </dev/null >/dev/null 2>&1 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$dir"
  ;;
promote)
  as_server "$bin/pg_ctl" -D "$2/data" -w promote </dev/null >/dev/null 2>&1
  ;;
kill)
  as_server "$bin/pg_ctl" -D "$2/data" -m immediate -w stop </dev/null >/dev/null 2>&1
  ;;
restart)
  as_server "$bin/pg_ctl" -D "$2/data" -l "$2/server.log" -w -o "$(options "$2")" start </dev/null >/dev/null 2>&1
  ;;
*)
  echo "usage: $0 start [DIR] | stop DIR | kill DIR | restart DIR | standby PRIMARY DIR | promote DIR" >&2; exit 2
  ;;
esac
