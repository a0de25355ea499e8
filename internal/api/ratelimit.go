package api

import (
	"sync"
	"time"
)

// limiter is a token bucket per client: rate requests a second on average, burst at
// once. It lives in the process: each server of a scaled-out installation counts its
// own requests.
type limiter struct {
	rate  float64
	burst float64
	mu    sync.Mutex
	seen  map[string]*bucket
	last  time.Time // of the last sweep of idle buckets
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	if rate <= 0 {
		return nil
	}
	return &limiter{rate: rate, burst: float64(max(burst, 1)), seen: map[string]*bucket{}}
}

// allow takes one request from key's bucket at now. When the bucket is empty it says how
// long until a request is allowed again.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) > time.Minute {
		// Forget buckets that have been full for a while, so that the map stays small.
		for k, b := range l.seen {
			if now.Sub(b.at).Seconds()*l.rate > l.burst {
				delete(l.seen, k)
			}
		}
		l.last = now
	}
	b, ok := l.seen[key]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.seen[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}
