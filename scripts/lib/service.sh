# Shared by scripts/pg-server.sh and scripts/pgbouncer.sh: both start a
# throwaway server as an unprivileged user on a free loopback port. Source it
# after setting `script_name` (the prefix of messages) and `service_user`.

say() { printf '%s: %s\n' "$script_name" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "$script_name" "$*" >&2
  exit 1
}

# Prints the calling script's usage: its header comment from "#   eval" to
# "# Environment".
usage() {
  sed -n '/^#   eval/,/^# Environment/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# as_service CMD...: runs CMD as the service's user (root cannot run
# PostgreSQL, and PgBouncer refuses to run as root).
as_service() {
  if ((EUID != 0)); then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$service_user" -- "$@"
  else
    setpriv --reuid="$service_user" --regid="$service_user" --init-groups -- "$@"
  fi
}

ensure_service_user() {
  ((EUID == 0)) || return 0
  id -u "$service_user" >/dev/null 2>&1 && return 0
  say "creating system user $service_user"
  # Two runs at once may race here; the loser's useradd fails but the user exists.
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$service_user" 2>/dev/null || true
  id -u "$service_user" >/dev/null 2>&1 || die "could not create the system user $service_user"
}

# Prints a loopback port nothing listens on. A race with another starter is
# possible; callers retry their start on failure.
pick_port() {
  local port tries
  for ((tries = 0; tries < 50; tries++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  die "found no free port after 50 tries"
}
