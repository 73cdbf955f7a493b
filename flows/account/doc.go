// Package account is what users do with their own record: "Mein Profil"
// (what is stored), the language (/language), and privacy: /privacy shows
// everything stored about the user, and the deletion flow erases it.
package account
