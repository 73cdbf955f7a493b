#!/usr/bin/env bash
# make test: installs what is missing, starts throwaway Postgres and Redis on
# free ports, runs gofmt, go vet, staticcheck and the race-enabled tests, and
# stops the services whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/services.sh
services_install chromium

dir=$(mktemp -d /tmp/miglobe-test.XXXXXX)
chmod 755 "$dir"
cleanup() { services_stop; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
PG_FSYNC=off services_start "$dir" || { echo "could not start Postgres and Redis (logs in $dir)" >&2; exit 1; }

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go') 2>&1 || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
echo "== go vet"
go vet ./...
echo "== staticcheck"
go tool staticcheck ./...
echo "== go test -race"
go test -race -count=1 -timeout 30m ./...
