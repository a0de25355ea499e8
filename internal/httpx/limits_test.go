package httpx

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run a real server on a loopback port. Their timeouts are short where the
// server's must pass and generous (patience) where the test waits for something to
// happen, so that a busy machine slows them down without failing them.
const patience = 10 * time.Second

// lockedBuffer is a log the server's goroutines write to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveLimited serves a handler that answers "ok" under limits, and returns its address
// and log.
func serveLimited(t *testing.T, limits Limits) (string, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }), limits, log)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(LimitListener(ln, limits.MaxConnections, limits.ConnectionWait, log)) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String(), logs
}

// testLimits are limits long enough never to act unless a test shortens one.
func testLimits(maxConns int, wait time.Duration) Limits {
	return Limits{ReadHeaderTimeout: time.Minute, ReadTimeout: time.Minute, WriteTimeout: time.Minute, IdleTimeout: time.Minute,
		MaxHeaderBytes: 64 << 10, MaxConnections: maxConns, ConnectionWait: wait}
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, patience)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

const request = "GET / HTTP/1.1\r\nHost: test\r\n\r\n"

// send writes a request on c without reading the answer.
func send(t *testing.T, c net.Conn) {
	t.Helper()
	c.SetWriteDeadline(time.Now().Add(patience))
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
}

// answer reads the answer to a request on c, keeping c open.
func answer(t *testing.T, c net.Conn, r *bufio.Reader) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(patience))
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != 200 || string(body) != "ok" {
		t.Fatalf("answer: %d %q %v", res.StatusCode, body, err)
	}
}

// served opens a connection and has one request answered on it, which it keeps open.
func served(t *testing.T, addr string) net.Conn {
	t.Helper()
	c := dial(t, addr)
	send(t, c)
	answer(t, c, bufio.NewReader(c))
	return c
}

// closedByServer waits, up to patience, for the server to close c, and fails if it
// writes anything first.
func closedByServer(t *testing.T, c net.Conn, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(patience))
	n, err := c.Read(make([]byte, 512))
	switch {
	case n > 0:
		t.Fatalf("%s: the server answered instead of closing the connection", what)
	case errors.Is(err, os.ErrDeadlineExceeded):
		t.Fatalf("%s: the connection is still open after %v", what, patience)
	case err == nil:
		t.Fatalf("%s: read nothing, and no error", what)
	}
	// io.EOF, or a reset when the server closed it with the request unread.
}

// With the cap reached, one more connection is not served while the others stay open,
// and is served as soon as one closes.
func TestConnectionCapHolds(t *testing.T) {
	const limit = 3
	addr, _ := serveLimited(t, testLimits(limit, patience))
	var open []net.Conn
	for range limit {
		open = append(open, served(t, addr))
	}
	extra := dial(t, addr)
	send(t, extra)
	// Only the absence of an answer is checked here: a slow machine can make this pass
	// wrongly, never fail wrongly.
	extra.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, err := extra.Read(make([]byte, 1)); n > 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("connection %d of a cap of %d was served while %d were open (%d bytes, %v)", limit+1, limit, limit, n, err)
	}
	open[0].Close()
	answer(t, extra, bufio.NewReader(extra))
	// The others are still served on their connections.
	for _, c := range open[1:] {
		send(t, c)
		answer(t, c, bufio.NewReader(c))
	}
}

// A connection over the cap that finds no slot in its wait is closed unanswered, the
// operator is told, and the cap does not leak: later connections are served.
func TestConnectionOverTheCapIsClosedAfterItsWait(t *testing.T) {
	addr, logs := serveLimited(t, testLimits(1, 100*time.Millisecond))
	first := served(t, addr)
	extra := dial(t, addr)
	send(t, extra)
	closedByServer(t, extra, "a connection over the cap")
	if got := logs.String(); !strings.Contains(got, "over the cap were closed unanswered") || !strings.Contains(got, "max_connections=1") {
		t.Errorf("the refusal is not in the log:\n%s", got)
	}
	first.Close()
	for range 3 {
		c := served(t, addr)
		c.Close()
	}
}

// The server's timeouts close a client that sends its headers a byte at a time
// (slowloris) and a keep-alive connection left idle, and free their slots.
func TestTimeoutsCloseSlowAndIdleClients(t *testing.T) {
	t.Run("slow headers", func(t *testing.T) {
		limits := testLimits(1, patience)
		limits.ReadHeaderTimeout = 300 * time.Millisecond
		addr, _ := serveLimited(t, limits)
		c := dial(t, addr)
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			// A header line every 50 ms: never done, never silent, far below MaxHeaderBytes.
			if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: test\r\n"); err != nil {
				return
			}
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if _, err := io.WriteString(c, "X-Slow: 1\r\n"); err != nil {
						return
					}
				}
			}
		}()
		closedByServer(t, c, "a client trickling its headers")
		served(t, addr).Close() // the slot is free again
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		limits := testLimits(1, patience)
		limits.IdleTimeout = 300 * time.Millisecond
		addr, _ := serveLimited(t, limits)
		c := served(t, addr)
		closedByServer(t, c, "an idle keep-alive connection")
		served(t, addr).Close()
	})
}
