package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// ChatUnblocker is what the intake needs of Postgres to undo a block when
// the user writes again; storage.Store satisfies it.
type ChatUnblocker interface {
	// UnblockChat removes chatID's block record and revives the messages
	// the block gave up; it reports whether the chat was blocked.
	UnblockChat(ctx context.Context, chatID int64) (bool, error)
	// BlockedChats returns the chats recorded as blocked.
	BlockedChats(ctx context.Context) ([]int64, error)
}

// blockedReload is how often the set of blocked chats is read again, for
// the blocks other instances' senders recorded.
const blockedReload = time.Minute

// blockedChats is this instance's knowledge of the chats that blocked the
// bot: read at start and every blockedReload, and told at once by this
// instance's own outbox sender. An update from a chat in it unblocks the
// chat (ChatUnblocker); any other update costs a map lookup and no query.
type blockedChats struct {
	mu  sync.Mutex
	set map[int64]time.Time // chat → when this instance learnt of the block
}

func (b *blockedChats) add(chat int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.set == nil {
		b.set = map[int64]time.Time{}
	}
	b.set[chat] = time.Now()
}

func (b *blockedChats) has(chat int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.set[chat]
	return ok
}

func (b *blockedChats) remove(chat int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.set, chat)
}

// replace makes chats, read from Postgres from asked on, the known set; a
// block this instance learnt of meanwhile stays.
func (b *blockedChats) replace(chats []int64, asked time.Time) {
	set := make(map[int64]time.Time, len(chats))
	for _, c := range chats {
		set[c] = asked
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for c, at := range b.set {
		if at.After(asked) {
			set[c] = at
		}
	}
	b.set = set
}

// watchBlocked reads the blocked chats every blockedReload until ctx ends.
func (b *Bot) watchBlocked(ctx context.Context, every time.Duration) {
	for sleep(ctx, every) {
		b.readBlocked(ctx)
	}
}

// readBlocked reads the blocked chats once; a failure keeps what is known.
func (b *Bot) readBlocked(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	asked := time.Now()
	chats, err := b.unblocker.BlockedChats(ctx)
	if err != nil {
		b.log.Warn("read blocked chats", slog.String("err", err.Error()))
		return
	}
	b.blocked.replace(chats, asked)
}

// unblock undoes the block of every chat of items that blocked the bot: the
// user writes, so they want to hear from it again, and what the outbox gave
// up for the block goes out.
func (b *Bot) unblock(ctx context.Context, items []item) {
	if b.unblocker == nil {
		return
	}
	for _, it := range items {
		chat := it.u.ChatID
		if !b.blocked.has(chat) {
			continue
		}
		was, err := b.unblocker.UnblockChat(ctx, chat)
		if err != nil {
			b.log.Warn("unblock chat", slog.Int64("chat_id", chat), slog.String("err", err.Error()))
			continue
		}
		b.blocked.remove(chat)
		if was {
			b.log.Info("chat unblocked by a new update", slog.Int64("chat_id", chat))
		}
	}
}
