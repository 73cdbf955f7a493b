-- Old messages do not lie: a message that shows a record with buttons for
-- its state is found again when the state changes, and its buttons are
-- replaced ("restyled", see storage/outbox_restyle.go).
--
-- An outbox row may be About a record (subject, e.g. 'rq:42', and kind, the
-- part the message plays, e.g. 'decide'), in the recipient's language. A
-- row with edit_message_id is no new message: the sender replaces that
-- message's keyboard with the row's buttons (none: removes it); its text
-- may be empty.

ALTER TABLE outbox
    ADD COLUMN subject         text,
    ADD COLUMN kind            text,
    ADD COLUMN lang            text,
    ADD COLUMN edit_message_id bigint,
    ADD CONSTRAINT outbox_about CHECK ((subject IS NULL) = (kind IS NULL)),
    DROP CONSTRAINT outbox_text_check,
    ADD CONSTRAINT outbox_text_check
        CHECK (char_length(text) <= 20000 AND (char_length(text) >= 1 OR edit_message_id IS NOT NULL));

-- Pending rows about a record: what a restyle gives new buttons.
CREATE INDEX outbox_about_idx ON outbox (subject, kind)
    WHERE subject IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL;

-- The messages shown already that are about a record: sent from the outbox
-- (recorded when the send is), or shown in a conversation (recorded by the
-- engine, and forgotten when the conversation moves on). A restyle edits
-- their keyboards through the outbox, but not where buttons says the
-- message shows the new buttons already (what the outbox sent or edited
-- last, '[]' for none; NULL: not known, as for a conversation's screens).
CREATE TABLE shown_messages (
    chat_id    bigint      NOT NULL,
    message_id bigint      NOT NULL,
    subject    text        NOT NULL,
    kind       text        NOT NULL,
    lang       text        NOT NULL,
    buttons    jsonb,
    shown_at   timestamptz NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX shown_messages_about_idx ON shown_messages (subject, kind);
