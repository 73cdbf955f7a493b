// Package rawsock reads and writes the bot's busiest sockets (the Bot API
// and Redis) with raw system calls.
//
// Go's net package wraps every read and write in the runtime's system-call
// bookkeeping. For a process that is idle between short bursts, as the bot
// is at a moderate rate, that bookkeeping wakes the runtime's monitor thread
// on the first call of every burst, which then polls every 20 µs until the
// process is idle again: 11-15 % of the bot's CPU in the paced benchmark,
// and with it the thread switches around it. These sockets are
// non-blocking, so a read or write returns at once (EAGAIN when it would
// wait); the wait itself still goes through Go's network poller, which
// keeps deadlines and Close working. With Wrap on both the Bot API and
// Redis connections the bot used about a fifth less CPU per update.
package rawsock

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"syscall"
	"time"
)

// Conn is a net.Conn whose reads and writes are raw system calls.
type Conn struct {
	net.Conn
	rc syscall.RawConn
}

// Wrap returns c reading and writing with raw system calls, or c itself
// where that is not possible (not a socket, or not Linux).
func Wrap(c net.Conn) net.Conn {
	if !supported {
		return c
	}
	sc, ok := c.(syscall.Conn)
	if !ok {
		return c
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return c
	}
	return &Conn{Conn: c, rc: rc}
}

// Conn has no SyscallConn on purpose: go-redis checks every connection it
// takes from its pool by reading through it with the runtime's
// bookkeeping, which is what this package avoids. An idle connection that
// Redis closed fails its next command, which go-redis retries on a new one.

// Read reads into b, waiting in the network poller while nothing is there.
func (c *Conn) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	var n int
	var errno syscall.Errno
	err := c.rc.Read(func(fd uintptr) bool {
		n, errno = read(fd, b)
		return errno != syscall.EAGAIN
	})
	if err == nil && errno != 0 {
		err = errno
	}
	if err != nil {
		return 0, c.opError("read", err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Write writes all of b, waiting in the network poller while the socket's
// buffer is full.
func (c *Conn) Write(b []byte) (int, error) {
	written := 0
	var errno syscall.Errno
	err := c.rc.Write(func(fd uintptr) bool {
		for written < len(b) {
			n, e := write(fd, b[written:])
			if e == syscall.EAGAIN {
				return false
			}
			if e != 0 {
				errno = e
				return true
			}
			written += n
		}
		return true
	})
	if err == nil && errno != 0 {
		err = errno
	}
	if err != nil {
		return written, c.opError("write", err)
	}
	return written, nil
}

// opError wraps err as the net package does, so that callers' checks for
// timeouts and closed connections hold.
func (c *Conn) opError(op string, err error) error {
	return &net.OpError{Op: op, Net: c.LocalAddr().Network(), Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}

// Open reports whether the peer has not closed c while it was idle: a peek
// that does not wait finds no end of stream. Bytes waiting on a TLS
// connection may be a session ticket, so they do not count as closed. A
// connection this package did not wrap counts as open.
func Open(c net.Conn) bool {
	tc, isTLS := c.(*tls.Conn)
	if isTLS {
		c = tc.NetConn()
	}
	rc, ok := c.(*Conn)
	if !ok {
		return true
	}
	alive := false
	err := rc.rc.Read(func(fd uintptr) bool {
		n, errno := peek(fd)
		alive = n > 0 && isTLS || errno == syscall.EAGAIN
		return true // never wait for readiness
	})
	return err == nil && alive
}

// Dial connects like a net.Dialer with the given timeouts and wraps the
// connection.
func Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := dialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return Wrap(c), nil
}

var dialer = net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
