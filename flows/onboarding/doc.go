// Package onboarding registers a new user: /start (with an invite in the
// deep-link payload), the registration flow (language, consent, role,
// name, the role's profile, summary) and the nightly clean-up of expired
// invites. Nothing reaches Postgres before the user confirms the summary.
package onboarding
