# MiGlobe bot. `make run` starts a local Postgres and Redis (installing Redis
# when missing) and runs the bot, in the sandbox when TELEGRAM_BOT_TOKEN is
# unset. `make test` runs every check on throwaway services.
.PHONY: run test bench build lint

run:
	@bash .ci/run-local.sh

test:
	@bash .ci/test.sh

bench:
	@bash .ci/bench.sh

build:
	go build -o miglobe-bot .

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	go vet ./...
	go tool staticcheck ./...
