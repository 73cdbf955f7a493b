// Package flows is the composition root of MiGlobe bot's conversations:
// New registers every feature on the engine and returns the engine that
// bot/ drives and whose jobs scheduler/ runs.
//
// The packages below it:
//
//	domain      the domain types, errors, store interfaces and policies
//	engine      the conversation engine: turns, flows, widgets, texts, the registry
//	onboarding  /start and registration
//	account     profile, language, privacy and deletion
//	requests    counseling requests and their review
//
// A new feature is a package of its own with a Register function, added
// here with one line.
package flows
