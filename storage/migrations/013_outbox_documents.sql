-- An outbox message may be a document (a calendar file with an invitation
-- or an appointment): its file name, content type, content and caption
-- (Telegram HTML) are stored with the row, and the sender sends it with
-- sendDocument instead of sendMessage. text stays empty for a document.
-- The content is capped at 1 MB (domain.MaxOutboxDocument): the outbox
-- carries small files, not uploads.

ALTER TABLE outbox
    ADD COLUMN doc_name    text CHECK (char_length(doc_name) BETWEEN 1 AND 255),
    ADD COLUMN doc_type    text CHECK (char_length(doc_type) <= 255),
    ADD COLUMN doc_content bytea CHECK (octet_length(doc_content) BETWEEN 1 AND 1048576),
    ADD COLUMN doc_caption text CHECK (char_length(doc_caption) <= 4096),
    ADD CONSTRAINT outbox_document CHECK ((doc_name IS NULL) = (doc_content IS NULL)
        AND (doc_name IS NOT NULL OR (doc_type IS NULL AND doc_caption IS NULL))),
    DROP CONSTRAINT outbox_text_check,
    ADD CONSTRAINT outbox_text_check
        CHECK (char_length(text) <= 20000
               AND (char_length(text) >= 1 OR edit_message_id IS NOT NULL OR doc_name IS NOT NULL));
