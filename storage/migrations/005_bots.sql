-- The Telegram bots (the id before the colon of TELEGRAM_BOT_TOKEN) that
-- have run on this database. The sandbox runs as a bot of its own and
-- refuses a database on which any other bot ran: its demo users would mix
-- with real people's records.

CREATE TABLE bots (
    bot_id     bigint PRIMARY KEY,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz NOT NULL DEFAULT now()
);
