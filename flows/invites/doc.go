// Package invites makes single-use invite links: a coordinator invites
// advisors and coordinators, a confirmed municipal contact colleagues of
// their municipality (who join it confirmed), an organisation's member
// colleagues of their association. /einladen (English /invite) and the
// menu entry "Einladen" ask whom to invite and answer with the link
// (https://t.me/<bot>?start=<code>, 22 random characters) as text to copy,
// when it expires, and a button to share it; "Meine Einladungen" lists
// the user's invites with their state, and an open one can be revoked
// (asked first). Who may invite whom is domain.CanInvite; opening a link
// is onboarding's (flows/onboarding).
package invites
