package storage

import (
	"context"
	"fmt"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.ChatEraser = (*Redis)(nil)

// rateKeyPrefix is what github.com/go-redis/redis_rate puts before the
// keys of ReserveSend.
const rateKeyPrefix = "rate:"

// ForgetChat deletes what Redis keeps of chatID and userID from the turn
// that erased the user (see domain.ChatEraser): the conversations of the
// user in other chats and the chat's send pacing. The conversation of
// chatID and userID itself is the running turn's: its commit deletes it
// (domain.Session.Forget), and the chat's lock goes when the turn ends.
// Update claims hold no ids of people.
func (r *Redis) ForgetChat(ctx context.Context, chatID, userID int64) error {
	return r.forgetKeys(ctx, chatID, userID, r.convKey(domain.ConvKey{ChatID: chatID, UserID: userID}))
}

// forgetKeys deletes the keys of chatID and userID but keep.
func (r *Redis) forgetKeys(ctx context.Context, chatID, userID int64, keep string) error {
	keys := []string{rateKeyPrefix + r.opt.Prefix + "send:chat:" + strconv.FormatInt(chatID, 10)}
	for _, pattern := range []string{
		globEscape(r.opt.Prefix) + "conv:" + strconv.FormatInt(chatID, 10) + ":*",
		globEscape(r.opt.Prefix) + "conv:*:" + strconv.FormatInt(userID, 10),
	} {
		iter := r.client.Scan(ctx, 0, pattern, 500).Iterator()
		for iter.Next(ctx) {
			if k := iter.Val(); k != keep {
				keys = append(keys, k)
			}
		}
		if err := iter.Err(); err != nil {
			return fmt.Errorf("storage: forget chat: %w", err)
		}
	}
	if err := r.client.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("storage: forget chat: %w", err)
	}
	return nil
}

// globEscape escapes the glob characters of s for a SCAN pattern.
func globEscape(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', ']', '\\':
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}
