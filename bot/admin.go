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

// setCommands publishes the default command menu (menu(lang)) in every
// language, the default language also without a language code (for every
// other app language).
func (c *client) setCommands(ctx context.Context, langs []string, menu func(lang string) []engine.BotCommand, defaultLang string) error {
	for _, lang := range append(langs, "") {
		l := lang
		if l == "" {
			l = defaultLang
		}
		cmds := botCommands(menu(l))
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

// SetChatCommands makes cmds the command menu of chatID for every app
// language (engine.Messenger); no cmds deletes the chat's own menu, so that
// the chat shows the default one again. It tries once: the engine tries
// again in the user's next turn rather than hold up this one with waits.
func (c *client) SetChatCommands(ctx context.Context, chatID int64, cmds []engine.BotCommand) error {
	scope := &models.BotCommandScopeChat{ChatID: chatID}
	method := "setMyCommands"
	var err error
	if len(cmds) == 0 {
		method = "deleteMyCommands"
		_, err = c.api.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: scope})
	} else {
		_, err = c.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: botCommands(cmds), Scope: scope})
	}
	if err != nil {
		c.metrics.apiCalls.WithLabelValues(method, "error").Inc()
		return fmt.Errorf("bot: %s for chat %d: %w", method, chatID, err)
	}
	c.metrics.callOK(method)
	return nil
}

// botCommands converts a command menu to the Bot API's type.
func botCommands(menu []engine.BotCommand) []models.BotCommand {
	out := make([]models.BotCommand, len(menu))
	for i, c := range menu {
		out[i] = models.BotCommand{Command: c.Name, Description: c.Desc}
	}
	return out
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
