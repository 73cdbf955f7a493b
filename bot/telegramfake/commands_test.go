package telegramfake

import (
	"context"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func TestSetMyCommands(t *testing.T) {
	s := newServer(t, Options{})
	b := newBot(t, s)
	ctx := context.Background()
	good := []models.BotCommand{{Command: "start", Description: "Beginnen"}, {Command: "help_2", Description: "Hilfe"}}
	if ok, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: good, LanguageCode: "de"}); !ok || err != nil {
		t.Fatalf("setMyCommands: %v, %v", ok, err)
	}
	if got := s.Commands("de"); len(got) != 2 || got[1].Command != "help_2" {
		t.Fatalf("commands = %+v", got)
	}
	many := make([]models.BotCommand, 101)
	for i := range many {
		many[i] = models.BotCommand{Command: "c" + itoa(int64(i)), Description: "d"}
	}
	tests := []struct {
		name   string
		params bot.SetMyCommandsParams
		desc   string
	}{
		{"none", bot.SetMyCommandsParams{}, "Bad Request: commands must be non-empty"},
		{"too many", bot.SetMyCommandsParams{Commands: many}, "Bad Request: BOT_COMMANDS_TOO_MUCH"},
		{"upper case", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Start", Description: "x"}}}, "Bad Request: BOT_COMMAND_INVALID"},
		{"slash", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "/start", Description: "x"}}}, "Bad Request: BOT_COMMAND_INVALID"},
		{"33 characters", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: strings.Repeat("a", 33), Description: "x"}}}, "Bad Request: BOT_COMMAND_INVALID"},
		{"empty description", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "a", Description: ""}}}, "Bad Request: command description must be non-empty"},
		{"long description", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "a", Description: strings.Repeat("ä", 257)}}}, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"},
		{"language", bot.SetMyCommandsParams{Commands: good, LanguageCode: "deu"}, "Bad Request: invalid language code specified"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := b.SetMyCommands(ctx, &tc.params); err == nil {
				t.Fatal("accepted")
			}
			if v := lastViolation(t, s); v.Code != 400 || v.Description != tc.desc {
				t.Fatalf("violation = %+v, want %q", v, tc.desc)
			}
		})
	}
}
