package storage_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Idle conversations (with the answers of an unfinished request) are kept
// 30 days at most, whatever the configured idle timeout adds up to.
func TestSessionTTLIsAtMostThirtyDays(t *testing.T) {
	t.Parallel()
	for _, ttl := range []time.Duration{0, 29 * 24 * time.Hour, 60 * 24 * time.Hour} {
		got := storagetest.Redis(t, storage.RedisOptions{SessionTTL: ttl}).Options().SessionTTL
		if got > 30*24*time.Hour || got <= 0 {
			t.Errorf("SessionTTL %v becomes %v, want at most 30 days", ttl, got)
		}
	}
	if got := storagetest.Redis(t, storage.RedisOptions{SessionTTL: 29 * 24 * time.Hour}).Options().SessionTTL; got != 29*24*time.Hour {
		t.Errorf("a SessionTTL within 30 days became %v", got)
	}
}
