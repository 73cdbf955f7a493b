// Package storage implements the persistence interfaces of package flows:
// Store on PostgreSQL (pgx) and Conversations on Redis (go-redis).
//
// SQL and Redis types stay in this package. Database errors are mapped to the
// sentinel errors of flows at the edge (see mapErr) and wrapped once with the
// name of the operation, e.g. "storage: register user: not found".
package storage
