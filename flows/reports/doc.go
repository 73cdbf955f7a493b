// Package reports is the feature of completion reports: the advisor
// reports the days worked, hours by kind, travel and costs and a short
// result note; the municipal side confirms it with one tap (this replaces
// the signed sheet) or asks about it; after the last confirmation the
// request is completed, and the municipal side rates the counseling and
// closes it. Coordinators are told of every confirmed report.
package reports
