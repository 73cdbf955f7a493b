package pause_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/internal/pause"
)

func TestFor(t *testing.T) {
	if !pause.For(context.Background(), time.Millisecond) {
		t.Error("a short pause with a live context reported an ended context")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if pause.For(ctx, time.Hour) {
		t.Error("a pause with an ended context reported a full wait")
	}
}
