#!/usr/bin/env bash
# make bench: installs what is missing, starts throwaway Postgres and Redis on
# free ports, builds the bot and runs the pipeline benchmark (bot/loadtest)
# against it. Arguments go to the load generator, e.g.
#   bash .ci/bench.sh -users 50 -messages 100 -convs 2000 -botlog /tmp/bot.log
# The services are stopped whatever happens.
#
# The load generator is built and run as a binary rather than with `go run`:
# `go run` dies on SIGTERM without passing it on, which would leave the
# generator (and so the bot) running. The generator kills the bot on every
# exit path, and the bot dies with it (parent-death signal).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/services.sh
services_install

dir=$(mktemp -d /tmp/miglobe-bench.XXXXXX)
chmod 755 "$dir"
gen=""
cleanup() {
  # No `set -e` surprises in here: every step must run.
  if [ -n "$gen" ]; then
    kill -TERM "$gen" 2>/dev/null || true
    wait "$gen" 2>/dev/null || true
  fi
  services_stop
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# fsync stays on: registrations in the warm-up cost what they cost in
# production; the measured phase does not write to Postgres.
services_start "$dir"

echo "== build"
go build -o "$dir/miglobe-bot" .
go build -o "$dir/loadtest" ./bot/loadtest

echo "== benchmark"
# In the background, so that a signal to this script runs the trap at once
# and is passed on to the generator, which stops the bot first.
"$dir/loadtest" -bin "$dir/miglobe-bot" "$@" &
gen=$!
status=0
wait "$gen" || status=$?
gen=""
exit "$status"
