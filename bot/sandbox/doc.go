// Package sandbox serves the web chat of the sandbox mode: a phone-like page
// where a person plays one of several demo users against the bot, which runs
// unchanged against the in-repo fake Bot API (package bot/telegramfake).
//
// The handler from New serves the page (embedded HTML, CSS and JavaScript, no
// external resources), a small JSON API (users, transcript, send text, press
// a button, download a document) and a Server-Sent Events stream per chat, so
// that new bot messages and edits appear without a reload.
//
// Bot texts are Telegram HTML. They never reach the browser as HTML: the
// server parses them into a tree of allowed elements (see richText), with
// the bot commands in them marked so that the page can make them tappable
// as Telegram does, and the page builds DOM nodes from that tree with
// textContent. The user's own text is always plain text.
//
// Links to the bot (https://t.me/<bot>?start=<payload>, in a text or a link
// button, also through Telegram's share link) are marked with their
// payload: the page asks which demo user opens one, switches to them and
// sends /start <payload> as them, as Telegram does for whoever taps the
// link. A mention of a person (tg://user) keeps the person's id, so that
// the page can say what Telegram would open.
//
// The demo users (DemoUsers) register by chatting, as people do, but for
// the members of the demo associations (DemoAssociations): main registers
// those at start with SeedAssociations, through the store's registration
// and invites, so that an event has associations to invite.
//
// Times on the page are the fake Telegram's dates of the messages, shown in
// the bot's time zone (the server formats them), whatever the browser's.
package sandbox
