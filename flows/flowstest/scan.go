package flowstest

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ScanDatabase reads every row of every table of the test's database as
// text (the row cast to text: every column, of every type) and returns,
// per table, the needles found in it (none: an empty map). The erasure
// tests look for what a person gave.
func (h *H) ScanDatabase(needles []string) map[string][]string {
	h.T.Helper()
	found := map[string][]string{}
	h.onDB(func(ctx context.Context, conn *pgx.Conn) error {
		rows, _ := conn.Query(ctx, `SELECT table_name::text FROM information_schema.tables
			WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
		tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("tables: %w", err)
		}
		for _, table := range tables {
			rows, _ := conn.Query(ctx, `SELECT t::text FROM public.`+pgx.Identifier{table}.Sanitize()+` t`)
			texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				return fmt.Errorf("rows of %s: %w", table, err)
			}
			all := strings.Join(texts, "\n")
			for _, n := range needles {
				if strings.Contains(all, n) {
					found[table] = append(found[table], n)
				}
			}
		}
		return nil
	})
	return found
}

// ScanRedis reads every key of the test's Redis key space (its prefix,
// wherever in the key: redis_rate puts "rate:" before it) with its value
// and returns the keys whose name or value holds a needle, with the
// needle. Tests running in parallel have other prefixes.
func (h *H) ScanRedis(needles []string) map[string]string {
	h.T.Helper()
	ctx := context.Background()
	c := h.Redis.Client()
	found := map[string]string{}
	iter := c.Scan(ctx, 0, "*"+h.Redis.Options().Prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		val, err := c.Dump(ctx, key).Result()
		if err != nil { // gone meanwhile (another test's key)
			val = ""
		}
		if typ, _ := c.Type(ctx, key).Result(); typ == "string" {
			val, _ = c.Get(ctx, key).Result()
		}
		for _, n := range needles {
			if strings.Contains(key, n) || strings.Contains(val, n) {
				found[key] = n
			}
		}
	}
	if err := iter.Err(); err != nil {
		h.T.Fatalf("scan redis: %v", err)
	}
	return found
}
