// Package statistics is the programme office's statistics (issue 15,
// point 6): /statistik (English /stats), also "Statistik" in a
// coordinator's menu. One phone-sized screen shows the figures of a
// calendar quarter in the programme's zone (BOT_TIMEZONE), the current one
// first: requests by status, topic and Bundesland with the median days to
// approval, to the first seat taken and to completion; offers sent by
// their outcome and the decline reasons; how the seats taken spread over
// the advisors; events, invitations, answers and attendance; ratings.
// A request counts in the quarter it was submitted in, an offer in the one
// it was sent in, a seat in the one it was taken in, an event in the one
// it was published in, a rating in the one it was given in.
//
// Session buttons move to the quarter before (not before the first
// record) and after (not after the current one), and send the figures as
// a CSV document for German Excel (BOM, ";", decimal comma) or as RFC 4180.
// Figures only: no names, no ids of people, no free text, on the screen
// and in the file. Every press reads the actor anew and admits
// coordinators only (domain.MaySeeStatistics); a forged or out-of-range
// press changes nothing and sends nothing.
package statistics
