package bot

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/miglobe/miglobe-bot/bot/internal/rawsock"
)

// apiTransport posts to the Bot API over kept-alive HTTP/1.1 connections,
// writing each request and reading its answer on the caller's goroutine.
// net/http's client hands every request to two goroutines per connection
// (a writer and a reader) and back; with one sendMessage per update that
// hand-over cost about a third of the bot's CPU in the paced benchmark. The
// Bot API needs little of HTTP: a POST with a JSON body and an answer with
// a length (or chunks, which net/http's parser reads). Behind a proxy the
// bot keeps using net/http (newAPITransport returns nil).
type apiTransport struct {
	addr    string // host:port to dial
	host    string // Host header
	prefix  string // request path up to the method: "/bot<token>/"
	tls     *tls.Config
	maxIdle int

	mu   sync.Mutex
	idle []*apiConn
}

// apiConn is one kept-alive connection.
type apiConn struct {
	c net.Conn
	r *bufio.Reader
	w *bufio.Writer
}

// newAPITransport returns a transport for the API at base (scheme, host and
// path up to the method, with the token), or nil when a proxy is configured
// in the environment.
func newAPITransport(base string, maxIdle int) (*apiTransport, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("bot: API URL: %w", err)
	}
	for _, v := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"} {
		if os.Getenv(v) != "" {
			return nil, nil // a proxy is configured: net/http knows how to use it
		}
	}
	t := &apiTransport{host: u.Host, prefix: u.EscapedPath(), maxIdle: maxIdle}
	port := u.Port()
	switch u.Scheme {
	case "https":
		t.tls = &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
		if port == "" {
			port = "443"
		}
	case "http":
		if port == "" {
			port = "80"
		}
	default:
		return nil, fmt.Errorf("bot: API URL: scheme %q", u.Scheme)
	}
	t.addr = net.JoinHostPort(u.Hostname(), port)
	return t, nil
}

// post sends body to method and reads the answer's body into out. It
// returns the HTTP status.
func (t *apiTransport) post(ctx context.Context, method string, body []byte, out *bytes.Buffer) (int, error) {
	conn, err := t.conn(ctx)
	if err != nil {
		return 0, err
	}
	deadline, _ := ctx.Deadline()
	_ = conn.c.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.c.SetDeadline(time.Unix(1, 0)) })
	status, keep, err := conn.roundTrip(t.host, t.prefix+method, body, out)
	stopped := stop()
	if err != nil && ctx.Err() != nil {
		err = ctx.Err() // the deadline or a cancel cut it short
	}
	if !stopped || err != nil || !keep {
		conn.c.Close() // its deadline may be spoilt, or its stream
		return status, err
	}
	_ = conn.c.SetDeadline(time.Time{})
	t.put(conn)
	return status, nil
}

// roundTrip writes one request and reads its answer. keep reports whether
// the connection may carry another request.
func (c *apiConn) roundTrip(host, path string, body []byte, out *bytes.Buffer) (status int, keep bool, err error) {
	w := c.w
	w.WriteString("POST ")
	w.WriteString(path)
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(host)
	w.WriteString("\r\nUser-Agent: miglobe-bot\r\nContent-Type: application/json\r\nContent-Length: ")
	w.WriteString(strconv.Itoa(len(body)))
	w.WriteString("\r\n\r\n")
	w.Write(body)
	if err := w.Flush(); err != nil {
		return 0, false, fmt.Errorf("send request: %w", err)
	}
	return c.readAnswer(out)
}

// readAnswer reads an HTTP/1.x response into out: the status line, the
// headers that frame the body (Content-Length, Transfer-Encoding,
// Connection), and the body. net/http's ReadResponse builds a header map
// for every answer, which showed in the profile; the Bot API's answers need
// none of it.
func (c *apiConn) readAnswer(out *bytes.Buffer) (status int, keep bool, err error) {
	line, err := c.line()
	if err != nil {
		return 0, false, fmt.Errorf("read answer: %w", err)
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' {
		return 0, false, fmt.Errorf("read answer: bad status line %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, false, fmt.Errorf("read answer: bad status line %q", line)
	}
	keep = line[7] == '1' // HTTP/1.1 keeps the connection unless told otherwise
	length, chunked := int64(-1), false
	for {
		if line, err = c.line(); err != nil {
			return status, false, fmt.Errorf("read answer: %w", err)
		}
		if len(line) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil || length < 0 {
				return status, false, fmt.Errorf("read answer: bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			keep = keep && !bytes.EqualFold(value, []byte("close")) || bytes.EqualFold(value, []byte("keep-alive"))
		}
	}
	switch {
	case chunked:
		if _, err = out.ReadFrom(httputil.NewChunkedReader(c.r)); err == nil {
			err = c.skipTrailer()
		}
	case length >= 0:
		_, err = io.CopyN(out, c.r, length)
	default: // the body ends with the connection
		_, err = out.ReadFrom(c.r)
		keep = false
	}
	if err != nil {
		return status, false, fmt.Errorf("read answer: %w", err)
	}
	return status, keep, nil
}

// line reads a header line without its CRLF.
func (c *apiConn) line() ([]byte, error) {
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			err = errors.New("header line too long")
		}
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

// skipTrailer reads the trailer of a chunked body, up to its empty line.
func (c *apiConn) skipTrailer() error {
	for {
		line, err := c.line()
		if err != nil || len(line) == 0 {
			return err
		}
	}
}

// conn returns an idle connection that is still open, or dials one.
func (t *apiTransport) conn(ctx context.Context) (*apiConn, error) {
	for {
		t.mu.Lock()
		n := len(t.idle)
		if n == 0 {
			t.mu.Unlock()
			break
		}
		c := t.idle[n-1]
		t.idle = t.idle[:n-1]
		t.mu.Unlock()
		if c.r.Buffered() == 0 && rawsock.Open(c.c) {
			return c, nil
		}
		c.c.Close()
	}
	c, err := rawsock.Dial(ctx, "tcp", t.addr)
	if err != nil {
		return nil, err
	}
	if t.tls != nil {
		tc := tls.Client(c, t.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		c = tc
	}
	return &apiConn{c: c, r: bufio.NewReaderSize(c, 4<<10), w: bufio.NewWriterSize(c, 4<<10)}, nil
}

// put keeps c for the next request, or closes it when enough are kept.
func (t *apiTransport) put(c *apiConn) {
	t.mu.Lock()
	if len(t.idle) < t.maxIdle {
		t.idle = append(t.idle, c)
		c = nil
	}
	t.mu.Unlock()
	if c != nil {
		c.c.Close()
	}
}

// close closes the idle connections.
func (t *apiTransport) close() {
	t.mu.Lock()
	idle := t.idle
	t.idle = nil
	t.mu.Unlock()
	for _, c := range idle {
		c.c.Close()
	}
}

// Dial connects to addr with a socket read and written by raw system calls
// (bot/internal/rawsock). main opens Redis with it, the other busy
// connection of every update.
func Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	return rawsock.Dial(ctx, network, addr)
}
