// Package requests is the counseling request from the municipality's side
// to the programme office's decision: the request flow (/beratung),
// "Meine Anfragen" with the detail, history and withdrawal (/anfragen),
// the coordinators' queue (/offen) and the review: approve, ask a question
// and decline from durable buttons under notifications, and the
// requester's answer. Every press loads the request and the acting user
// and asks the domain's policy functions; every status change is one
// conditional transaction with its history row and its notifications.
package requests
