// Package requests is the counseling request from the municipality's side
// to the programme office's decision: the request flow (/beratung, in
// English /request), "Meine Anfragen" with the detail, history and
// withdrawal (/anfragen, /myrequests), the coordinators' queue (/offen,
// /queue) and the review: approve, ask a question
// and decline from durable buttons under notifications, and the
// requester's answer. Every press loads the request and the acting user
// and asks the domain's policy functions; every status change is one
// conditional transaction with its history row and its notifications.
package requests
