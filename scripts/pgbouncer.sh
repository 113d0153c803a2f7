#!/usr/bin/env bash
# A throwaway PgBouncer (Debian's pgbouncer package) in front of a PostgreSQL
# server, for the tests of Quarry's PgBouncer mode: transaction pooling
# (pool_mode = transaction), a small server pool, listening on 127.0.0.1 on a
# free port, configured in a temporary directory. Works as root (PgBouncer
# refuses to run as root: it runs as the system user quarry-pg, the one
# scripts/pg-server.sh uses) or as any user.
#
#   eval "$(scripts/pgbouncer.sh start URL)"   starts PgBouncer in front of the
#                                       server of URL (postgresql://user:password@host:port/db,
#                                       default $QUARRY_TEST_POSTGRES_URL) and prints:
#       QUARRY_TEST_PGBOUNCER_URL   postgresql://user:<pw>@127.0.0.1:<port>/db, through PgBouncer
#       QUARRY_PGBOUNCER_DIR        its directory (config, log, pid file)
#   scripts/pgbouncer.sh stop [DIR]     stops it and removes DIR (default $QUARRY_PGBOUNCER_DIR)
#
# Every database name is forwarded to the same name on the server ("* =" in
# [databases]), so a test may create a database of its own and reach it
# through PgBouncer. The server pool is default_pool_size = 3 server
# connections per database and user; clients authenticate with the URL's
# user and password (scram-sha-256, checked against a userlist holding the
# password), and PgBouncer logs in to the server with the same.
# Environment: QUARRY_PG_USER (PgBouncer's user when run as root; default
# quarry-pg), QUARRY_PGBOUNCER_POOL (default_pool_size, default 3), TMPDIR.
set -euo pipefail

service_user=${QUARRY_PG_USER:-quarry-pg}
pool_size=${QUARRY_PGBOUNCER_POOL:-3}
marker=.quarry-pgbouncer  # only directories holding this file are ever removed

script_name=pgbouncer
# shellcheck source=lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/service.sh"

# Percent-decoding of one URL part (user, password, database).
url_decode() {
  local s=${1//+/%2B}
  printf '%b' "${s//%/\\x}"
}

cmd_start() {
  local url=${1:-${QUARRY_TEST_POSTGRES_URL:-}}
  [[ -n "$url" ]] || die "in front of which server? give its URL or set QUARRY_TEST_POSTGRES_URL"
  command -v pgbouncer >/dev/null 2>&1 || [[ -x /usr/sbin/pgbouncer ]] \
    || die "pgbouncer not found; install Debian's pgbouncer package (scripts/setup.sh)"
  local bin
  bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

  # postgresql://user:password@host:port/database[?...]
  local re='^postgres(ql)?://([^:@/]+):([^@/]*)@([^:/?]+):([0-9]+)/([^?]+)'
  [[ "$url" =~ $re ]] || die "expected postgresql://user:password@host:port/database, not a URL of another form"
  local user password host port database
  user=$(url_decode "${BASH_REMATCH[2]}")
  password=$(url_decode "${BASH_REMATCH[3]}")
  host=${BASH_REMATCH[4]}
  port=${BASH_REMATCH[5]}
  database=$(url_decode "${BASH_REMATCH[6]}")
  [[ "$user$password" != *'"'* ]] || die "a user or password holding '\"' cannot go in PgBouncer's userlist"

  ensure_service_user
  local parent
  dir=
  for parent in "${TMPDIR:-/tmp}" /tmp; do
    dir=$(mktemp -d "$parent/quarry-pgbouncer.XXXXXX") || continue
    if ((EUID != 0)) || { chown "$service_user:" "$dir" && as_service test -w "$dir"; }; then
      break
    fi
    rm -rf "$dir"
    dir=
  done
  [[ -n "$dir" ]] || die "no temporary directory that $service_user can write"
  touch "$dir/$marker"
  chmod 700 "$dir"
  trap '[[ -f "$dir/pgbouncer.pid" ]] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; rm -rf "$dir"' EXIT

  printf '"%s" "%s"\n' "$user" "$password" >"$dir/userlist.txt"
  chmod 600 "$dir/userlist.txt"

  local listen attempt started=false
  for attempt in 1 2 3 4 5; do
    listen=$(pick_port)
    cat >"$dir/pgbouncer.ini" <<EOF
; scripts/pgbouncer.sh: a throwaway PgBouncer for tests.
[databases]
* = host=$host port=$port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = $pool_size
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 500
server_lifetime = 3600
server_idle_timeout = 60
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = $user
log_connections = 0
log_disconnections = 0
EOF
    ((EUID != 0)) || chown -R "$service_user:" "$dir"
    if as_service "$bin" -d -q "$dir/pgbouncer.ini" 2>>"$dir/start.log"; then
      local i
      for ((i = 0; i < 100; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$listen") 2>/dev/null; then
          started=true
          break
        fi
        sleep 0.05
      done
      [[ "$started" == true ]] && break
    fi
    say "start on port $listen failed (attempt $attempt)"
    if [[ -f "$dir/pgbouncer.pid" ]]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
    sleep 0.1
  done
  if [[ "$started" != true ]]; then
    tail -n 20 "$dir/start.log" "$dir/pgbouncer.log" >&2 2>/dev/null || true
    die "PgBouncer did not start (its log is above)"
  fi

  local bouncer_url="postgresql://${BASH_REMATCH[2]}:${BASH_REMATCH[3]}@127.0.0.1:$listen/${BASH_REMATCH[6]}"
  {
    printf 'export QUARRY_TEST_PGBOUNCER_URL=%q\n' "$bouncer_url"
    printf 'export QUARRY_PGBOUNCER_DIR=%q\n' "$dir"
  } >"$dir/env"
  ((EUID != 0)) || chown "$service_user:" "$dir/env"
  trap - EXIT
  say "$("$bin" --version | head -n 1) on 127.0.0.1:$listen in front of $host:$port/$database (transaction pooling), in $dir"
  cat "$dir/env"
}

cmd_stop() {
  local dir=${1:-${QUARRY_PGBOUNCER_DIR:-}}
  [[ -n "$dir" ]] || die "which PgBouncer? give its directory or set QUARRY_PGBOUNCER_DIR"
  [[ -f "$dir/$marker" ]] || die "\"$dir\" is not a directory made by scripts/pgbouncer.sh"
  if [[ -f "$dir/pgbouncer.pid" ]]; then
    local pid i
    pid=$(cat "$dir/pgbouncer.pid")
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  *) usage ;;
esac
