package server

import (
	"bytes"
	"container/list"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"secretariat/internal/auth"
	"secretariat/internal/store"
	"secretariat/internal/ui"
)

// pageCache keeps rendered pages until the record changes. A page is a function of
// the record (the journal's head), the reader (an account, or the public), the reader's
// language, the day (tasks become overdue) and the address; the cache keys pages by
// all five, and forgets everything when the journal's head moves, so a reader never
// sees a page older than the record. Pages that must not be kept (forms, accounts,
// sign-in) say so with Cache-Control: no-store, and responses that set cookies are
// never kept.
type pageCache struct {
	st         *store.Store
	now        func() time.Time
	maxEntries int
	maxBytes   int

	mu      sync.Mutex
	head    string
	entries map[string]*list.Element
	lru     *list.List
	bytes   int
	// flights are the pages being made: a request for a page another request is making
	// waits for it instead of making it again, so that a crowd arriving after a change
	// costs one build (the year in review costs a fifth of a second of CPU).
	flights map[string]*flight
}

// flight is a page being made; done closes when it is made, with page set when it may
// be kept (nil: each waiting request makes its own).
type flight struct {
	done chan struct{}
	page *cachedPage
}

type cachedPage struct {
	key    string
	status int
	header http.Header
	body   []byte
}

func newPageCache(st *store.Store, now func() time.Time) *pageCache {
	return &pageCache{st: st, now: now, maxEntries: 2000, maxBytes: 64 << 20, entries: map[string]*list.Element{}, lru: list.New(),
		flights: map[string]*flight{}}
}

// cacheable types: pages, feeds, the calendar, the review's PDF. Downloads of stored
// files are served anew.
var cacheableTypes = []string{"text/html", "application/atom+xml", "text/calendar", "application/pdf"}

func (c *pageCache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		if _, err := r.Cookie("flash"); err == nil {
			next.ServeHTTP(w, r) // a message to show once
			return
		}
		seq, hash, err := c.st.Head(r.Context())
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		head := hash + "@" + strconv.FormatInt(seq, 10)
		if log, err := c.st.LogHead(r.Context()); err == nil {
			head += "#" + log // checkpoints and cosignatures change record pages too
		}
		key := c.key(r)
		p, f, leader := c.getOrJoin(head, key)
		if p == nil && !leader {
			select {
			case <-f.done:
				p = f.page
			case <-r.Context().Done():
				return // the client left while it waited
			}
		}
		if p != nil {
			serveKept(w, p)
			return
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h := w.Header()
		for k, v := range rec.header {
			h[k] = v
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
		var made *cachedPage
		if c.keep(rec) {
			made = &cachedPage{key: key, status: rec.status, header: rec.header.Clone(), body: bytes.Clone(rec.body.Bytes())}
			c.put(head, made)
		}
		if leader {
			c.land(head, key, f, made)
		}
	})
}

func serveKept(w http.ResponseWriter, p *cachedPage) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	w.WriteHeader(p.status)
	w.Write(p.body)
}

// getOrJoin returns the kept page; or else the flight making it, and whether the caller
// leads it (makes the page) or follows (waits for it).
func (c *pageCache) getOrJoin(head, key string) (*cachedPage, *flight, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != head {
		c.reset(head)
	} else if e, ok := c.entries[key]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cachedPage), nil, false
	}
	fk := head + "\x00" + key
	if f, ok := c.flights[fk]; ok {
		return nil, f, false
	}
	f := &flight{done: make(chan struct{})}
	c.flights[fk] = f
	return nil, f, true
}

// land ends a flight, handing its page (nil when it may not be kept) to those waiting.
func (c *pageCache) land(head, key string, f *flight, p *cachedPage) {
	c.mu.Lock()
	delete(c.flights, head+"\x00"+key)
	c.mu.Unlock()
	f.page = p
	close(f.done)
}

// key names a page: the reader, the language, the day and the address.
func (c *pageCache) key(r *http.Request) string {
	who := "public"
	if ses := auth.FromContext(r.Context()); ses != nil {
		a := ses.Account
		who = string(a.Role) + ":" + a.State + ":" + a.Name
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	return who + "|" + string(ui.Lang(r)) + "|" + now().UTC().Format(time.DateOnly) + "|" + r.URL.RequestURI()
}

func (c *pageCache) keep(rec *recorder) bool {
	if rec.status != http.StatusOK && rec.status != http.StatusNotFound {
		return false
	}
	if strings.Contains(rec.header.Get("Cache-Control"), "no-store") || len(rec.header.Values("Set-Cookie")) > 0 {
		return false
	}
	ct := rec.header.Get("Content-Type")
	for _, t := range cacheableTypes {
		if strings.HasPrefix(ct, t) {
			return rec.body.Len() <= c.maxBytes/16
		}
	}
	return false
}

func (c *pageCache) put(head string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != head {
		return // the record moved while the page was being made
	}
	if e, ok := c.entries[p.key]; ok {
		c.bytes -= len(e.Value.(*cachedPage).body)
		c.lru.Remove(e)
	}
	c.entries[p.key] = c.lru.PushFront(p)
	c.bytes += len(p.body)
	for c.lru.Len() > c.maxEntries || c.bytes > c.maxBytes {
		last := c.lru.Back()
		old := last.Value.(*cachedPage)
		c.lru.Remove(last)
		delete(c.entries, old.key)
		c.bytes -= len(old.body)
	}
}

func (c *pageCache) reset(head string) {
	c.head = head
	c.entries = map[string]*list.Element{}
	c.lru.Init()
	c.bytes = 0
}

// recorder buffers a response so that it can be kept.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
