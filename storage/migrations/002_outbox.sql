-- The outbox: every message to someone other than the person chatting is
-- written here in the transaction of the change that causes it, and a sender
-- drains it (see storage/outbox*.go and bot/outbox*.go).

CREATE TABLE outbox (
    id          bigserial   PRIMARY KEY,
    chat_id     bigint      NOT NULL,
    text        text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 20000),
    buttons     jsonb,                             -- [[{"label": ..., "data": ...}]], NULL for none
    created_at  timestamptz NOT NULL DEFAULT now(),
    not_before  timestamptz NOT NULL DEFAULT now(), -- earliest next attempt (backoff, retry_after)
    attempts    integer     NOT NULL DEFAULT 0,
    lease_until timestamptz,                        -- a sender is sending it until then
    sent_at     timestamptz,
    failed_at   timestamptz,                        -- given up (the chat blocked the bot, or too many attempts)
    last_error  text,
    CHECK (sent_at IS NULL OR failed_at IS NULL)
);

-- Pending messages, by chat in order: what the sender looks for.
CREATE INDEX outbox_pending_idx ON outbox (chat_id, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_due_idx ON outbox (not_before, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Chats that blocked the bot (403): nothing more is sent there until the
-- user talks to the bot again.
CREATE TABLE blocked_chats (
    chat_id    bigint      PRIMARY KEY,
    blocked_at timestamptz NOT NULL,
    reason     text        NOT NULL
);
