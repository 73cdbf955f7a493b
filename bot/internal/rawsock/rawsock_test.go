package rawsock

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// pair returns a wrapped client connection and the server's end.
func pair(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c
	}()
	c, err := Dial(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	srv := <-accepted
	if srv == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { c.Close(); srv.Close() })
	if _, ok := c.(*Conn); !ok && supported {
		t.Fatalf("Dial returned %T, want *Conn", c)
	}
	return c, srv
}

// Data goes both ways intact, also more than a socket buffer holds, and
// the end of the stream reads as io.EOF.
func TestConnCarriesDataBothWays(t *testing.T) {
	c, srv := pair(t)
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB: writes must wait for room
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(io.LimitReader(srv, int64(len(big))))
		got <- b
	}()
	if n, err := c.Write(big); err != nil || n != len(big) {
		t.Fatalf("write: %d, %v", n, err)
	}
	if b := <-got; !bytes.Equal(b, big) {
		t.Fatalf("the server read %d bytes, not what was written", len(b))
	}
	if _, err := srv.Write([]byte("antwort")); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	b, err := io.ReadAll(c)
	if err != nil || string(b) != "antwort" {
		t.Fatalf("read %q, %v; want \"antwort\" then EOF", b, err)
	}
}

// A read deadline ends a read that waits, as a timeout; closing ends it as
// a closed connection.
func TestConnKeepsDeadlinesAndClose(t *testing.T) {
	c, _ := pair(t)
	c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	_, err := c.Read(make([]byte, 8))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read past the deadline: %v, want a timeout", err)
	}
	c.SetReadDeadline(time.Time{})
	done := make(chan error, 1)
	go func() {
		_, err := c.Read(make([]byte, 8))
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	c.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Fatalf("read on a closed connection: %v, want net.ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not end a waiting read")
	}
}

// Open tells an idle connection from one the peer closed.
func TestOpenSeesAClosedPeer(t *testing.T) {
	c, srv := pair(t)
	if !Open(c) {
		t.Fatal("an open, idle connection looked closed")
	}
	srv.Close()
	deadline := time.Now().Add(10 * time.Second)
	for Open(c) {
		if time.Now().After(deadline) {
			t.Fatal("a connection the peer closed still looks open")
		}
		time.Sleep(5 * time.Millisecond) // until the close has arrived
	}
}
