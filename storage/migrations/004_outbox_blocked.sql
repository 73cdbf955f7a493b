-- Messages given up because their chat blocked the bot are told apart from
-- those given up for other reasons (refused by Telegram, too many attempts):
-- when the user talks to the bot again, storage.Store.UnblockChat removes
-- the chat's blocked_chats record and makes exactly these pending again.

ALTER TABLE outbox
    ADD COLUMN blocked boolean NOT NULL DEFAULT false, -- given up because the chat blocked the bot
    ADD CONSTRAINT outbox_blocked_is_given_up CHECK (NOT blocked OR failed_at IS NOT NULL);

-- What was given up for a block before this migration: the messages of a
-- chat still blocked whose last error is the chat's record (FailOutbox and
-- the enqueue of a message to a blocked chat both wrote it so).
UPDATE outbox o SET blocked = true
FROM blocked_chats b
WHERE o.chat_id = b.chat_id AND o.sent_at IS NULL AND o.failed_at IS NOT NULL AND o.last_error = b.reason;

-- A chat's messages given up for its block: what UnblockChat revives.
CREATE INDEX outbox_blocked_idx ON outbox (chat_id) WHERE blocked;
