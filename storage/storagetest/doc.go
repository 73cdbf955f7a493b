// Package storagetest gives tests of every package their own real Postgres
// database and their own Redis key space.
//
// It reads DATABASE_URL and REDIS_URL (make test starts throwaway servers)
// and fails the test when they are unset; it never skips. Each Store or
// DatabaseURL call gets a fresh database cloned from a migrated template
// (CREATE DATABASE ... TEMPLATE), dropped in t.Cleanup; each Redis call gets
// a unique key prefix whose keys are deleted in t.Cleanup. Tests may run in
// parallel, also across test binaries.
package storagetest
