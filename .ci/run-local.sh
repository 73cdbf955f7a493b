#!/usr/bin/env bash
# make run: installs Redis when missing, starts Postgres (data kept in .data/)
# and Redis, builds the bot and runs it; migrations apply at start. Without
# TELEGRAM_BOT_TOKEN it runs the bot in the sandbox (BOT_MODE=sandbox) and
# prints the page address.
# Ctrl-C stops the bot and the services.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/services.sh
services_install
trap services_stop EXIT
trap 'exit 130' TERM
services_start .data
if [ -z "${TELEGRAM_BOT_TOKEN:-}" ]; then
  export BOT_MODE=sandbox
  # A made-up office contact, so that the demo shows where the bot names it.
  export OFFICE_EMAIL="${OFFICE_EMAIL:-programmstelle@example.org}"
  export OFFICE_PHONE="${OFFICE_PHONE:-030 1234567}"
  export OFFICE_HOURS="${OFFICE_HOURS:-Mo–Fr 9–15 Uhr}"
fi
go build -o miglobe-bot .
status=0
./miglobe-bot || status=$?
# 130 is a Ctrl-C, which is how the bot is meant to be stopped.
[ "$status" -eq 130 ] && status=0
exit "$status"
