package bot

import (
	"testing"
	"time"
)

// Successive getUpdates calls start at least pollGap apart: under steady
// load each call then carries several updates.
func TestGetUpdatesCallsArePaced(t *testing.T) {
	in := &intake{}
	in.pace() // the first call: nothing before it
	start := time.Now()
	for range 10 {
		in.pace()
	}
	if took := time.Since(start); took < 10*pollGap {
		t.Fatalf("10 calls started within %v, want at least %v", took, 10*pollGap)
	}
}
