#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for Quarry's tests and benchmarks: a fresh
# cluster in a temporary directory, listening on 127.0.0.1 on a free port (and
# on a unix socket in that directory), tuned for speed (fsync=off) and not for
# durability, with a password-authenticated role so that wrong-password tests
# are possible. Works as root (the server runs as the system user quarry-pg,
# created if missing, since PostgreSQL refuses to run as root) or as any user.
#
#   eval "$(scripts/pg-server.sh start)"   starts a server and prints, as shell
#                                           `export` lines:
#       QUARRY_TEST_POSTGRES_URL        postgresql://quarry:<pw>@127.0.0.1:<port>/quarry_test
#       QUARRY_TEST_POSTGRES_ADMIN_URL  the superuser "postgres", over the unix socket
#                                       (no password: only this machine's root and the
#                                       server's user can reach the directory)
#       QUARRY_PG_DIR                   the server's directory (data, log, socket)
#   scripts/pg-server.sh stop [DIR]       stops that server and removes DIR
#                                           (default $QUARRY_PG_DIR)
#   scripts/pg-server.sh status [DIR]     says whether it runs; exit status 0 if so
#   scripts/pg-server.sh restart [DIR]    restarts it (fast: clients are disconnected) on
#                                           the same port, for tests of a server restart
#
# The directory also holds `url` and `env` (the export lines) for callers that
# did not keep the output. Progress and errors go to stderr. Never prompts.
# Environment: QUARRY_PG_BIN (default /usr/lib/postgresql/15/bin), QUARRY_PG_USER
# (the server's user when run as root; default quarry-pg), TMPDIR.
set -euo pipefail

pg_bin=${QUARRY_PG_BIN:-/usr/lib/postgresql/15/bin}
service_user=${QUARRY_PG_USER:-quarry-pg}
role=quarry
database=quarry_test
marker=.quarry-pg-server  # only directories holding this file are ever removed

script_name=pg-server
# shellcheck source=lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/service.sh"

# A fresh directory the server's user owns, under a parent it can traverse:
# $TMPDIR may be a private directory of root's, so fall back to /tmp. The unix
# socket lives in it, and socket paths are limited to about 100 bytes.
make_server_dir() {
  local parent dir
  for parent in "${TMPDIR:-/tmp}" /tmp; do
    dir=$(mktemp -d "$parent/quarry-pg.XXXXXX") || continue
    touch "$dir/$marker"
    if ((EUID == 0)); then
      chown -R "$service_user:" "$dir"
      if ! as_service test -w "$dir"; then
        rm -rf "$dir"
        continue
      fi
    fi
    chmod 700 "$dir"
    if ((${#dir} > 80)); then
      rm -rf "$dir"
      continue
    fi
    printf '%s\n' "$dir"
    return 0
  done
  die "no temporary directory that $service_user can write (tried ${TMPDIR:-/tmp} and /tmp)"
}

# A port nobody listens on now. The server may still lose a race for it; the
# caller then tries another.
random_password() {
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n'
}

# Collation: C.UTF-8 sorts bytewise (fast, deterministic) and still knows
# the case of non-ASCII letters for lower()/ilike; plain C if it is missing.
locale_args() {
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
    printf '%s\n' --locale=C.UTF-8 --encoding=UTF8
  else
    printf '%s\n' --no-locale --encoding=UTF8
  fi
}

cmd_start() {
  [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] \
    || die "PostgreSQL 15 binaries not found in $pg_bin; install postgresql-15 (scripts/setup.sh)"
  ensure_service_user

  local password port attempt started=false
  # Global, not local: the EXIT trap below may run after this function returned.
  dir=$(make_server_dir)
  # From here a failure must not leave a server or a directory behind.
  trap 'as_service "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
  password=$(random_password)

  local -a locale
  mapfile -t locale < <(locale_args)
  # Trust on the unix socket (only reachable through the 0700 directory),
  # SCRAM passwords over TCP: the tests' URL goes through the password check.
  as_service "$pg_bin/initdb" --pgdata="$dir/data" --username=postgres --auth-local=trust \
    --auth-host=scram-sha-256 "${locale[@]}" --no-sync --no-instructions >"$dir/initdb.log" 2>&1 \
    || {
      cat "$dir/initdb.log" >&2
      die "initdb failed (output above)"
    }

  cat >>"$dir/data/postgresql.conf" <<EOF

# scripts/pg-server.sh: a throwaway server for tests; speed over durability.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_connections = 200
shared_buffers = 128MB
timezone = 'UTC'
log_timezone = 'UTC'
datestyle = 'iso, ymd'
logging_collector = off
log_min_messages = warning
EOF

  for attempt in 1 2 3 4 5; do
    port=$(pick_port)
    if as_service "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port" start >/dev/null 2>&1; then
      started=true
      break
    fi
    # Lost the port to someone else: try another. Any other failure repeats
    # the same way, and is reported after the last attempt.
    say "start on port $port failed (attempt $attempt)"
    as_service "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  done
  if [[ "$started" != true ]]; then
    tail -n 30 "$dir/server.log" >&2 || true
    die "the server did not start (its log is above)"
  fi

  as_service "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE $database OWNER $role" >/dev/null \
    || die "could not create the role and database"

  local url="postgresql://$role:$password@127.0.0.1:$port/$database"
  local admin_url="postgresql://postgres@/$database?host=$dir&port=$port"
  printf '%s\n' "$url" >"$dir/url"
  {
    printf 'export QUARRY_TEST_POSTGRES_URL=%q\n' "$url"
    printf 'export QUARRY_TEST_POSTGRES_ADMIN_URL=%q\n' "$admin_url"
    printf 'export QUARRY_PG_DIR=%q\n' "$dir"
  } >"$dir/env"
  ((EUID != 0)) || chown "$service_user:" "$dir/url" "$dir/env"
  trap - EXIT
  say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
  say "stop it with: scripts/pg-server.sh stop $dir"
  cat "$dir/env"
}

# The server directory named by the argument or $QUARRY_PG_DIR, checked to be
# one this script made (so that `stop` never removes anything else).
server_dir() {
  local dir=${1:-${QUARRY_PG_DIR:-}}
  [[ -n "$dir" ]] || die "which server? give its directory or set QUARRY_PG_DIR"
  [[ -f "$dir/$marker" ]] || die "\"$dir\" is not a directory made by scripts/pg-server.sh"
  printf '%s\n' "$dir"
}

cmd_stop() {
  local dir
  dir=$(server_dir "${1:-}")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    # fast: roll back open transactions and disconnect clients, then stop.
    as_service "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_service "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 \
      || say "pg_ctl stop failed; removing the directory anyway"
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

cmd_status() {
  local dir
  dir=$(server_dir "${1:-}")
  as_service "$pg_bin/pg_ctl" -D "$dir/data" status >&2
}

cmd_restart() {
  local dir
  dir=$(server_dir "${1:-}")
  # pg_ctl restart reuses the options of the last start (the port), kept in
  # postmaster.opts.
  as_service "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart \
    >/dev/null || die "pg_ctl restart failed (see $dir/server.log)"
  say "restarted the server in $dir"
}

case "${1:-}" in
  start) cmd_start ;;
  restart) cmd_restart "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  status) cmd_status "${2:-}" ;;
  *) usage ;;
esac
