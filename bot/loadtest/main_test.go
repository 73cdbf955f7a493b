package main

import (
	"errors"
	"io"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c, err := parseFlags(nil, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		want := config{Bin: "./miglobe-bot", Users: 100, Messages: 200, PacedMessages: 100, Think: 50 * time.Millisecond,
			Convs: 10000, Batch: 100, Outbox: 3000, Offers: 200, OfferGroup: 4, Events: 3000,
			ReplyTimeout: 10 * time.Second, Timeout: 20 * time.Minute, Settle: 2 * time.Second}
		if c != want {
			t.Errorf("defaults = %+v, want %+v", c, want)
		}
	})
	t.Run("set", func(t *testing.T) {
		c, err := parseFlags([]string{"-users", "7", "-messages", "3", "-paced-messages", "4", "-think", "20ms",
			"-convs", "0", "-outbox", "0", "-offers", "30", "-offer-group", "3", "-events", "60", "-strict"}, io.Discard)
		if err != nil || c.Users != 7 || c.Messages != 3 || c.PacedMessages != 4 || c.Think != 20*time.Millisecond ||
			c.Convs != 0 || c.Outbox != 0 || c.Offers != 30 || c.OfferGroup != 3 || c.Events != 60 || !c.Strict {
			t.Errorf("parseFlags = %+v, %v", c, err)
		}
	})
	for _, args := range [][]string{
		{"-users", "0"}, {"-messages", "-1"}, {"-paced-messages", "0"}, {"-think", "0s"}, {"-think", "-5ms"},
		{"-convs", "-1"}, {"-batch", "0"}, {"-outbox", "-1"}, {"-events", "-1"},
		{"-offers", "-4"}, {"-offers", "10", "-offer-group", "4"}, {"-offer-group", "1"},
		{"-reply-timeout", "0s"}, {"-settle", "-1s"}, {"extra"},
	} {
		t.Run("invalid "+args[0], func(t *testing.T) {
			if _, err := parseFlags(args, io.Discard); err == nil || errors.Is(err, errUsage) {
				t.Errorf("parseFlags(%v) = %v, want a validation error", args, err)
			}
		})
	}
	t.Run("unknown flag", func(t *testing.T) {
		if _, err := parseFlags([]string{"-nope"}, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("err = %v, want errUsage", err)
		}
	})
}
