package engine

import (
	"maps"
	"slices"
)

// The names of commands: a command answers to its Name and to its names in
// other languages (Command.Names), typed by anyone; menus and /help show
// the name of the user's language.

// names returns the names the command answers to: Name first, then the
// other languages' names in order of language code.
func (c Command) names() []string {
	names := []string{c.Name}
	for _, lang := range slices.Sorted(maps.Keys(c.Names)) {
		if n := c.Names[lang]; !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// NameIn returns the command's name in lang.
func (c Command) NameIn(lang string) string {
	if n := c.Names[lang]; n != "" {
		return n
	}
	return c.Name
}
