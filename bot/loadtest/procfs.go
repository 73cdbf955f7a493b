package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of the CPU times in /proc/<pid>/stat. Linux reports
// them in USER_HZ, which is 100 on every architecture Go supports.
const userHZ = 100

// procCPU returns the user plus system CPU time of process pid ("self" for
// this process), or an error when /proc cannot be read or parsed.
func procCPU(pid string) (time.Duration, error) {
	raw, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, fmt.Errorf("read cpu time: %w", err)
	}
	return parseStatCPU(string(raw))
}

// parseStatCPU reads utime and stime (fields 14 and 15) of a
// /proc/<pid>/stat line. The command name (field 2) may hold spaces and
// parentheses, so fields are counted after its last ")".
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("parse /proc stat: no command name")
	}
	f := strings.Fields(stat[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return 0, fmt.Errorf("parse /proc stat: %d fields after the command name", len(f))
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("parse /proc stat: cpu time %q: %w", s, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}

// procRSS returns the resident set size of process pid in bytes, or an
// error when /proc cannot be read or has no VmRSS line.
func procRSS(pid string) (int64, error) {
	raw, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0, fmt.Errorf("read rss: %w", err)
	}
	return parseStatusKB(string(raw), "VmRSS")
}

// parseStatusKB returns the value of a "Name:  1234 kB" line of
// /proc/<pid>/status in bytes.
func parseStatusKB(status, name string) (int64, error) {
	for line := range strings.Lines(status) {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k != name {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("parse /proc status: %s: %q", name, strings.TrimSpace(v))
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("parse /proc status: %s: %w", name, err)
		}
		return n * 1024, nil
	}
	return 0, fmt.Errorf("parse /proc status: no %s line", name)
}
