package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	tests := []struct {
		name    string
		stat    string
		want    time.Duration
		wantErr bool
	}{
		{"plain", "4242 (miglobe-bot) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 12 0 100 0 0", 3 * time.Second, false},
		{"name with spaces and parentheses", "7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 7 3 0 0", 100 * time.Millisecond, false},
		{"no command name", "4242 miglobe-bot S 1", 0, true},
		{"too few fields", "4242 (x) S 1 2 3", 0, true},
		{"not a number", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 ab 3 0 0", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseStatCPU(tc.stat)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseStatCPU = %v, %v; want %v, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestParseStatusKB(t *testing.T) {
	status := "Name:\tmiglobe-bot\nVmPeak:\t 1300000 kB\nVmRSS:\t   40960 kB\nThreads:\t12\n"
	got, err := parseStatusKB(status, "VmRSS")
	if err != nil || got != 40960*1024 {
		t.Errorf("VmRSS = %d, %v; want %d", got, err, 40960*1024)
	}
	for _, name := range []string{"VmHWM", "Threads"} { // missing; not in kB
		if _, err := parseStatusKB(status, name); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestProcOfThisProcess(t *testing.T) {
	if _, err := procCPU("self"); err != nil {
		t.Errorf("procCPU(self): %v", err)
	}
	rss, err := procRSS("self")
	if err != nil || rss <= 0 {
		t.Errorf("procRSS(self) = %d, %v; want a positive size", rss, err)
	}
}

func TestBotEnv(t *testing.T) {
	base := []string{"PATH=/usr/bin", "COORDINATOR_IDS=1,2", "TELEGRAM_BOT_TOKEN=old", "BOT_WORKERS=8", "HTTP_ADDR=:9090"}
	env := botEnv(base, map[string]string{"TELEGRAM_BOT_TOKEN": "new", "HTTP_ADDR": "127.0.0.1:1"})
	joined := "\n" + strings.Join(env, "\n") + "\n"
	for _, want := range []string{"\nPATH=/usr/bin\n", "\nBOT_WORKERS=8\n", "\nTELEGRAM_BOT_TOKEN=new\n", "\nHTTP_ADDR=127.0.0.1:1\n"} {
		if !strings.Contains(joined, want) {
			t.Errorf("env lacks %q: %v", strings.TrimSpace(want), env)
		}
	}
	for _, unwanted := range []string{"COORDINATOR_IDS", "=old", ":9090"} {
		if strings.Contains(joined, unwanted) {
			t.Errorf("env keeps %q: %v", unwanted, env)
		}
	}
}
