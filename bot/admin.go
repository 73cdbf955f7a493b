package bot

import (
	"context"
	"fmt"
	"net/url"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

var allowedUpdates = []string{"message", "callback_query"}

// setWebhook registers url with the secret Telegram sends back in the
// X-Telegram-Bot-Api-Secret-Token header.
func (c *client) setWebhook(ctx context.Context, url, secret string) error {
	return c.call(ctx, "setWebhook", func(ctx context.Context) error {
		_, err := c.api.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: url, SecretToken: secret, AllowedUpdates: allowedUpdates})
		return err
	})
}

// deleteWebhook switches Telegram back to getUpdates, keeping pending updates.
func (c *client) deleteWebhook(ctx context.Context) error {
	return c.call(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := c.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
		return err
	})
}

// setCommands publishes the command menu in every language, the default
// language also without a language code (for every other app language).
func (c *client) setCommands(ctx context.Context, texts *engine.Texts, commands []engine.Command, defaultLang string) error {
	for _, lang := range append(texts.Langs(), "") {
		l := lang
		if l == "" {
			l = defaultLang
		}
		var cmds []models.BotCommand
		for _, cmd := range commands {
			cmds = append(cmds, models.BotCommand{Command: cmd.Name, Description: texts.Plain(l, cmd.Desc, nil)})
		}
		err := c.call(ctx, "setMyCommands", func(ctx context.Context) error {
			_, err := c.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: lang})
			return err
		})
		if err != nil {
			return fmt.Errorf("bot: set commands for %q: %w", lang, err)
		}
	}
	return nil
}

// webhookPath is the path part of the public webhook URL, where updates arrive.
func webhookPath(public string) (string, error) {
	u, err := url.Parse(public)
	if err != nil {
		return "", fmt.Errorf("bot: WEBHOOK_PUBLIC_URL: %w", err)
	}
	if u.Path == "" {
		return "/", nil
	}
	return u.Path, nil
}
