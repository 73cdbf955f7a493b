// Package appointments is the feature of a request's appointments: the
// advisor proposes dates, the requester side picks one, both get the
// agreed time and its calendar file, and both are reminded 24 h and 2 h
// before it.
package appointments
