package httpx

import (
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits bound what one client, or many, may hold of a server. Every timeout is set, so
// that no client can keep a connection open by being slow or silent: without
// ReadHeaderTimeout a client trickling a header a byte at a time (slowloris) holds its
// connection for as long as it likes, and without IdleTimeout every idle keep-alive
// connection stays open until ReadTimeout, if there is one.
type Limits struct {
	// ReadHeaderTimeout bounds the time from a request's first byte (or the
	// connection's start) to the end of its headers, the TLS handshake included.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the reading of a whole request, body included.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of a request's headers to the end of
	// the answer.
	WriteTimeout time.Duration
	// IdleTimeout is how long a keep-alive connection may wait for its next request.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds a request's headers.
	MaxHeaderBytes int
	// MaxConnections is how many connections may be open at once; see LimitListener.
	MaxConnections int
	// ConnectionWait is how long a connection over MaxConnections waits for a slot.
	ConnectionWait time.Duration
}

// NewServer returns a server of h with the timeouts and header bound of limits, logging
// the errors of connections (a TLS handshake that failed, an Accept that failed) to log
// as warnings. Serve it on a LimitListener, which applies MaxConnections.
func NewServer(h http.Handler, limits Limits, log *slog.Logger) *http.Server {
	return &http.Server{Handler: h,
		ReadHeaderTimeout: limits.ReadHeaderTimeout, ReadTimeout: limits.ReadTimeout,
		WriteTimeout: limits.WriteTimeout, IdleTimeout: limits.IdleTimeout,
		MaxHeaderBytes: limits.MaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
}

// refusalLogEvery is how often, at most, the refusals of connections over the cap are
// logged: a flood must not flood the log too.
const refusalLogEvery = 10 * time.Second

// LimitListener returns a listener that keeps at most maxConns of ln's connections open at
// once, so that a flood of connections, or many slow ones, exhausts a bound the operator
// chose rather than the process's file descriptors and memory.
//
// A connection over the cap is accepted and waits up to wait for one of the open
// connections to close; it is then served as any other. If none closes in time, it is
// closed without an answer: the listener cannot write an HTTP answer to a connection
// that may be about to start a TLS handshake, and the client sees the connection closed
// (which browsers, proxies and load balancers treat as a failure to retry elsewhere or
// later) rather than hanging. Only one connection waits at a time: the others stay in
// the kernel's accept queue, so the process never holds more than maxConns+1 connections of
// ln, whatever comes in. Refusals are logged as warnings, at most once every ten
// seconds, with how many there were.
//
// Closing the listener stops a wait; connections already open are the server's to
// close. maxConns must be at least 1.
func LimitListener(ln net.Listener, maxConns int, wait time.Duration, log *slog.Logger) net.Listener {
	if maxConns < 1 {
		panic("httpx: LimitListener with a cap below 1 would serve nothing") // callers check what operators give
	}
	return &limitListener{Listener: ln, slots: make(chan struct{}, maxConns), wait: wait, log: log, done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	slots chan struct{} // one element per open connection
	wait  time.Duration
	log   *slog.Logger
	done  chan struct{}
	close sync.Once

	mu       sync.Mutex
	refused  int         // refusals not yet logged
	firstRef time.Time   // when the first of them happened
	lastLog  time.Time   // when refusals were last logged
	flush    *time.Timer // logs the refusals held back, if any
}

// Accept returns the next connection for which there is a slot.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.acquire() {
			return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
		}
		select {
		case <-l.done:
			c.Close()
			return nil, net.ErrClosed
		default:
		}
		l.refusedOne() // before the close, so that the log has it when the client sees it
		c.Close()
	}
}

// acquire takes a slot, waiting up to l.wait for one; it reports false when none came
// free in time or the listener was closed.
func (l *limitListener) acquire() bool {
	select {
	case l.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-l.done:
		return false
	}
}

// refusedOne counts a refusal, and logs the refusals not yet logged when the last log
// is old enough; otherwise a timer logs them when it is, so that the last of a burst
// are not left out of the log.
func (l *limitListener) refusedOne() {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.refused == 0 {
		l.firstRef = now
	}
	l.refused++
	if since := now.Sub(l.lastLog); l.lastLog.IsZero() || since >= refusalLogEvery {
		l.logRefusals(now)
	} else if l.flush == nil {
		l.flush = time.AfterFunc(refusalLogEvery-since, func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.flush = nil
			if l.refused > 0 {
				l.logRefusals(time.Now())
			}
		})
	}
}

// logRefusals logs the refusals not yet logged; l.mu is held.
func (l *limitListener) logRefusals(now time.Time) {
	l.log.Warn("connections over the cap were closed unanswered: raise the cap if the server can take more, or find who opens them",
		"max_connections", cap(l.slots), "waited", l.wait, "closed", l.refused, "since", l.firstRef.UTC().Format(time.RFC3339))
	l.refused, l.lastLog = 0, now
}

// Close closes the listener and stops a connection's wait for a slot.
func (l *limitListener) Close() error {
	l.close.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitConn gives its slot back when it closes, once however often it is closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

// Close closes the connection and frees its slot.
func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
