package main

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/bot"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// The sandbox refuses, with a sentence, a database a real bot ran on; it
// runs on a fresh one and on its own again.
func TestSandboxRefusesARealBotsDatabase(t *testing.T) {
	ctx := context.Background()
	sandboxCfg := bot.Config{Mode: "sandbox"}
	fresh := storagetest.Store(t)
	for range 2 {
		if err := guardDatabase(ctx, fresh, sandboxCfg); err != nil {
			t.Fatalf("the sandbox on its own database: %v", err)
		}
	}
	used := storagetest.Store(t)
	if err := guardDatabase(ctx, used, bot.Config{Mode: "polling", Token: "987654321:AAAAsecretsecretsecretsecret"}); err != nil {
		t.Fatal(err)
	}
	err := guardDatabase(ctx, used, sandboxCfg)
	if err == nil || !strings.Contains(err.Error(), "real bot (id 987654321)") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("the sandbox on a real bot's database: %v, want one sentence naming the bot", err)
	}
}
