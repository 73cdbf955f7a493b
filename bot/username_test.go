package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// Invite links need the bot's username: INVITE_DAYS and BOT_USERNAME have
// their defaults, getMe is asked once when BOT_USERNAME is unset, and
// BOT_USERNAME spares the call.
func TestUsernameAndInviteDays(t *testing.T) {
	c, err := LoadConfig(baseEnv())
	if err != nil {
		t.Fatal(err)
	}
	if c.InviteDays != 7 || c.InviteValidity() != 7*24*time.Hour || c.BotUsername != "" {
		t.Errorf("defaults: INVITE_DAYS %d (%v), BOT_USERNAME %q", c.InviteDays, c.InviteValidity(), c.BotUsername)
	}
	if c, err := LoadConfig(baseEnv("INVITE_DAYS=14", "BOT_USERNAME=Other_bot")); err != nil ||
		c.InviteValidity() != 14*24*time.Hour || c.BotUsername != "Other_bot" {
		t.Errorf("set: %+v, %v", c, err)
	}

	fake := telegramfake.New(telegramfake.Options{Token: testToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	ctx := context.Background()
	name, err := Username(ctx, Config{Token: testToken, APIURL: fake.URL()})
	if err != nil || name != telegramfake.BotUsername {
		t.Fatalf("getMe: %q, %v; want %q", name, err, telegramfake.BotUsername)
	}
	name, err = Username(ctx, Config{Token: testToken, APIURL: "http://127.0.0.1:1", BotUsername: "Set_bot"})
	if err != nil || name != "Set_bot" {
		t.Errorf("BOT_USERNAME: %q, %v", name, err)
	}
	_, err = Username(ctx, Config{Token: "123456:wrong-token-for-the-fake-api-only", APIURL: fake.URL()})
	if err == nil || strings.Contains(err.Error(), "wrong-token") {
		t.Errorf("a wrong token: %v; want an error without the token", err)
	}
}
