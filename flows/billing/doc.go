// Package billing is the programme office's billing export (issue 12,
// point 5): /abrechnung (English /billing), also "Abrechnung" in a
// coordinator's menu. The coordinator chooses a period with buttons (the
// current month, the two before it, the current quarter and the one
// before, in the programme's zone by the engine's clock), sees how many
// confirmed report versions it holds, and chooses a format: a CSV for
// German Excel (UTF-8 with BOM, ";", decimal comma) or a plain RFC 4180
// one. The file (abrechnung-2026-11.csv, abrechnung-2026-Q4.csv) comes as
// a document into the chat, its column labels in the coordinator's
// language. Every press reads the actor anew and admits coordinators only
// (domain.MayExportBilling): a forged press changes nothing and sends
// nothing.
package billing
