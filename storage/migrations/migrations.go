// Package migrations holds the SQL migrations of the MiGlobe database,
// embedded into the binary. Files are named NNN_description.sql and applied
// in order by storage.Open with github.com/jackc/tern/v2/migrate; a file may
// hold a down part after the line "---- create above / drop below ----".
//
// Later tables (requests, offers, events, outbox, ...) go into new files with
// the next number; a file already applied anywhere is never edited.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
