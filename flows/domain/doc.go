// Package domain holds what MiGlobe is about, free of Telegram, SQL and
// Redis: the users and their roles, the acting user of a turn, counseling
// requests and their lifecycle, the advisors' profiles and their ranking
// for a request, the messages the outbox delivers, the
// conversation state, the sentinel errors, the store interfaces the
// features consume (one per aggregate; storage/ implements them) and the
// policy functions through which every permission check goes.
//
// It imports nothing of the project; everything else may import it.
package domain
