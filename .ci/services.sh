#!/usr/bin/env bash
# Starts and stops the local Postgres and Redis that `make run`, `make test`
# and `make bench` use. Source it, then call:
#   services_install [chromium]   install redis-server (and chromium) when missing
#   services_start DIR            start Postgres (data in DIR/pg) and Redis on free
#                                 loopback ports; exports DATABASE_URL, REDIS_URL
#   services_stop                 stop what services_start started (safe to call twice)
# Postgres refuses to run as root, so as root it runs as the OS user postgres.

services_install() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ "${1:-}" = chromium ] && ! command -v chromium >/dev/null 2>&1; then
    missing+=(chromium)
  fi
  # Chromium's screenshots show emoji (the buttons' ✅ ❓) only with a colour
  # emoji font; nice to have, so its absence from a mirror is no failure.
  local extra=()
  if [ "${1:-}" = chromium ] && ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; then
    extra+=(fonts-noto-color-emoji)
  fi
  [ ${#missing[@]} -eq 0 ] && [ ${#extra[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} ${extra[*]} ..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq || return 1
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  fi
  if [ ${#extra[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${extra[@]}" >/dev/null ||
      echo "note: ${extra[*]} not installed; screenshots show emoji as boxes"
  fi
  return 0
}

# free_port prints a loopback TCP port that nothing listens on.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# as_pg runs a command as the user that owns the Postgres data.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

services_start() {
  local dir=$1
  mkdir -p "$dir"
  SERVICES_DIR=$(cd "$dir" && pwd)
  local pgdata="$SERVICES_DIR/pg"
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$pgdata"
    chown postgres "$pgdata" "$SERVICES_DIR"
    chmod 700 "$pgdata"
    if ! runuser -u postgres -- test -x "$SERVICES_DIR"; then
      echo "the postgres user cannot reach $SERVICES_DIR; clone the project where other users can read it" >&2
      return 1
    fi
  fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    as_pg initdb -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/initdb.log" 2>&1 ||
      { cat "$SERVICES_DIR/initdb.log" >&2; return 1; }
  fi
  # Another run may take the same free port between our check and our start:
  # then the start fails, and we try another port.
  local try
  for try in 1 2 3 4 5; do
    PG_PORT=$(free_port) || return 1
    as_pg pg_ctl -D "$pgdata" -l "$SERVICES_DIR/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $SERVICES_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-on}" start >/dev/null 2>&1 && break
    [ "$try" -eq 5 ] && { cat "$SERVICES_DIR/postgres.log" >&2; return 1; }
  done
  PG_STARTED=$pgdata
  for try in 1 2 3 4 5; do
    REDIS_PORT=$(free_port) || return 1
    rm -f "$SERVICES_DIR/redis.pid"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
      --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" >/dev/null ||
      return 1
    # A daemonized Redis that could not bind exits quietly; make sure the one
    # answering on the port is ours.
    local pid="" answer=""
    for _ in $(seq 1 50); do
      pid=$(cat "$SERVICES_DIR/redis.pid" 2>/dev/null || true)
      answer=$(redis-cli -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p' || true)
      [ -n "$pid" ] && [ "$answer" = "$pid" ] && break
      sleep 0.1
    done
    if [ -n "$pid" ] && [ "$answer" = "$pid" ]; then
      REDIS_STARTED=$SERVICES_DIR/redis.pid
      break
    fi
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; }
    [ "$try" -eq 5 ] && { echo "could not start Redis" >&2; cat "$SERVICES_DIR/redis.log" >&2; return 1; }
  done
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export PG_PORT REDIS_PORT
}

services_stop() {
  if [ -n "${REDIS_STARTED:-}" ]; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$REDIS_STARTED" 2>/dev/null)" 2>/dev/null
    REDIS_STARTED=""
  fi
  if [ -n "${PG_STARTED:-}" ]; then
    as_pg pg_ctl -D "$PG_STARTED" -m fast -w stop >/dev/null 2>&1
    PG_STARTED=""
  fi
}
