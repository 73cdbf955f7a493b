package contacts_test

import "strings"

// contains reports whether s holds sub.
func contains(s, sub string) bool { return strings.Contains(s, sub) }
