-- How the advisor may reach the municipality once they accepted a
-- request, in the requester's own words (issue 11, point 5: the contact
-- channel the contact agreed to share). Given by the requester side after
-- approval; '' while not given (the advisor then writes through Telegram
-- or the programme office).
ALTER TABLE requests
    ADD COLUMN contact_reach text NOT NULL DEFAULT '' CHECK (char_length(contact_reach) <= 200);
