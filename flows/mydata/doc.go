// Package mydata is the user's data export (issue 15, point 1):
// /meinedaten (English /mydata) sends every registered user a JSON
// document of everything MiGlobe stores about them (domain.UserExport,
// read by domain.ExportStore in one read-only transaction) and a short
// summary in their language: how many records each section holds and what
// to do next (erase with /loeschen, questions to the programme office).
// Nothing in it names another person: others appear by role, requests by
// reference. Someone without a record is told that nothing is stored. The
// screen Screen does the same from a button (the privacy screen's). Logs
// carry the user's id and the counts, never the data.
package mydata
