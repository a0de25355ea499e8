package api

import (
	lru "container/list"
	"strconv"
	"sync"
)

// answers keeps the answers of reads until the record changes. A read's answer is a
// function of the record (the journal's head), the reader (a role, and a delegate's
// state), the day (tasks become overdue) and the request's address with its query; the
// cache keys answers by all four and forgets everything when the journal's head moves,
// so a client never reads an answer older than the record. A read answered again costs
// one read of the journal's head.
type answers struct {
	maxBytes int

	mu    sync.Mutex
	head  string
	byKey map[string]*lru.Element
	lru   *lru.List
	bytes int
}

type answer struct {
	key     string
	body    []byte
	version int64
	lang    string
}

func newAnswers(maxBytes int) *answers {
	return &answers{maxBytes: maxBytes, byKey: map[string]*lru.Element{}, lru: lru.New()}
}

// get returns the answer kept for key at head, or nil.
func (a *answers) get(head, key string) *answer {
	a.mu.Lock()
	defer a.mu.Unlock()
	if head != a.head {
		a.head, a.byKey, a.bytes = head, map[string]*lru.Element{}, 0
		a.lru.Init()
		return nil
	}
	if el, ok := a.byKey[key]; ok {
		a.lru.MoveToFront(el)
		return el.Value.(*answer)
	}
	return nil
}

// put keeps an answer made at head, unless the record has moved on since.
func (a *answers) put(head string, ans *answer) {
	if len(ans.body) > a.maxBytes/8 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if head != a.head {
		return
	}
	if el, ok := a.byKey[ans.key]; ok {
		a.bytes -= len(el.Value.(*answer).body)
		a.lru.Remove(el)
	}
	a.byKey[ans.key] = a.lru.PushFront(ans)
	a.bytes += len(ans.body)
	for a.bytes > a.maxBytes {
		old := a.lru.Back()
		a.lru.Remove(old)
		delete(a.byKey, old.Value.(*answer).key)
		a.bytes -= len(old.Value.(*answer).body)
	}
}

// headKey names the journal's head.
func headKey(seq int64, hash string) string { return strconv.FormatInt(seq, 10) + "@" + hash }
