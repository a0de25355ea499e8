package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"secretariat/internal/store"
	"secretariat/internal/testkit"
)

// serveOutput keeps what a server prints and hands over the address it says it serves
// on, so that the server can listen on a port of its own choosing (--addr 127.0.0.1:0)
// and no other process can take the port between a test's pick and the server's listen.
type serveOutput struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string // gets the address once
	sent bool
}

var servingOn = regexp.MustCompile(`(?m)^serving .* on (http://\S+)/$`)

func (o *serveOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf.Write(p)
	if m := servingOn.FindSubmatch(o.buf.Bytes()); m != nil && !o.sent {
		o.addr <- string(m[1])
		o.sent = true
	}
	return len(p), nil
}

func (o *serveOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// servedProcess is a `secretariat serve` process the test kills.
type servedProcess struct {
	cmd  *exec.Cmd
	url  string
	out  *serveOutput
	done chan struct{} // closed when the process has ended and err is set
	err  error         // what cmd.Wait said
}

// kill sends SIGKILL and returns what the process ended with.
func (p *servedProcess) kill() error {
	p.cmd.Process.Kill()
	<-p.done
	return p.err
}

// killableServe starts `secretariat serve` on a port it picks, and returns it once it
// answers. The process is killed when the test ends, whatever happened before.
func killableServe(t *testing.T, db string) *servedProcess {
	t.Helper()
	p := &servedProcess{out: &serveOutput{addr: make(chan string, 1)}, done: make(chan struct{})}
	p.cmd = exec.Command(binary, "serve", "--db", db, "--addr", "127.0.0.1:0")
	p.cmd.Env = append(os.Environ(), "SECRETARIAT_DB=")
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// One Wait, here, so that an early exit is noticed while the test waits for the
	// address, and the kill learns how the process ended.
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.kill() })
	select {
	case p.url = <-p.out.addr:
	case <-p.done:
		t.Fatalf("serve exited before it listened (%v):\n%s", p.err, p.out.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not say where it listens:\n%s", p.out.String())
	}
	// The listener is open once the address is printed, but the routes are served a
	// moment later: wait for an answer, so that the kill's delay counts from when writes
	// can be taken.
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := client.Get(p.url + "/api/openapi.json")
		if err == nil {
			resp.Body.Close()
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer on %s: %v\n%s", p.url, err, p.out.String())
		}
	}
}

// answeredWrite is a write the server answered 201, with the journal entry it said it wrote.
type answeredWrite struct {
	id   string
	seq  int64
	hash string
}

// writeUntilRefused registers sources through the API as fast as the server takes them,
// with each of tokens in turn, until a request fails in transport (the server is gone). It returns the writes
// answered 201 with their entries, the IDs of every source it sent (answered or not),
// how many requests were throttled, and the answer that was neither, if one was (it
// stops there).
func writeUntilRefused(client *http.Client, url string, tokens []string, prefix string) (answered []answeredWrite, sent []string, throttled int, errs []error) {
	for n := 0; ; n++ {
		id := fmt.Sprintf("%s-%d", prefix, n)
		body, err := json.Marshal(map[string]any{"id": id, "class": "media", "url": "https://example.org/" + id,
			"title": map[string]string{"en": "Source " + id, "authentic": "en"}})
		if err != nil {
			return answered, sent, throttled, append(errs, err)
		}
		req, err := http.NewRequest(http.MethodPost, url+"/api/v1/sources", bytes.NewReader(body))
		if err != nil {
			return answered, sent, throttled, append(errs, err)
		}
		req.Header.Set("Authorization", "Bearer "+tokens[n%len(tokens)])
		req.Header.Set("Content-Type", "application/json")
		sent = append(sent, id)
		resp, err := client.Do(req)
		if err != nil {
			return answered, sent, throttled, errs
		}
		var ans struct {
			Entry *struct {
				Seq  int64  `json:"seq"`
				Hash string `json:"hash"`
			} `json:"entry"`
		}
		// A body cut short by the kill is no answer: the client never learnt its entry.
		data, readErr := readAll(resp)
		switch {
		case readErr != nil:
			return answered, sent, throttled, errs
		case resp.StatusCode == http.StatusTooManyRequests:
			// The API allows a token 100 requests at once, then 20 a second (per
			// process: a new server starts with every bucket full); a throttled request
			// wrote nothing, and the next may pass.
			throttled++
			time.Sleep(10 * time.Millisecond)
		case resp.StatusCode != http.StatusCreated:
			// The first wrong answer says what is wrong; the next thousand would not.
			return answered, sent, throttled, append(errs, fmt.Errorf("POST /api/v1/sources %s: %s: %s", id, resp.Status, data))
		case json.Unmarshal(data, &ans) != nil || ans.Entry == nil || ans.Entry.Seq == 0 || len(ans.Entry.Hash) != 64:
			return answered, sent, throttled, append(errs, fmt.Errorf("POST /api/v1/sources %s: 201 without its journal entry: %s", id, data))
		default:
			answered = append(answered, answeredWrite{id, ans.Entry.Seq, ans.Entry.Hash})
		}
	}
}

func readAll(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	var b bytes.Buffer
	_, err := b.ReadFrom(resp.Body)
	return b.Bytes(), err
}

// journalRow is a journal entry as the crash test checks it.
type journalRow struct {
	seq            int64
	verb, id, hash string
}

// readJournal reads the whole journal of the record at db (a SQLite file or a PostgreSQL
// URL), in order, without the program.
func readJournal(t *testing.T, db string) []journalRow {
	t.Helper()
	driver, dsn := "sqlite", "file:"+db+"?mode=ro"
	if store.IsPostgres(db) {
		driver, dsn = "pgx", db
	}
	h, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	rows, err := h.Query(`SELECT seq, verb, id, hash FROM journal ORDER BY seq`)
	if err != nil {
		t.Fatalf("reading the journal: %v", err)
	}
	defer rows.Close()
	var out []journalRow
	for rows.Next() {
		var r journalRow
		if err := rows.Scan(&r.seq, &r.verb, &r.id, &r.hash); err != nil {
			t.Fatalf("reading the journal: %v", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("reading the journal: %v", err)
	}
	return out
}

// moreWriteTokens creates n more write tokens for olga, whom writeToken added. The API
// lets a token make 100 requests at once and then 20 a second, and the writers make
// about 1,500 a second on SQLite: with one token they would spend most of a round
// throttled, and the kill would land on an idle server. Each writer takes turns with
// tokens of its own, enough for the whole of the longest round.
func moreWriteTokens(t *testing.T, db string, n int) []string {
	t.Helper()
	var tokens []string
	for range n {
		r := run(t, nil, "token", "create", "--user", "olga", "--scope", "write", "--expires", "1h", "--db", db)
		expect(t, r, 0)
		token := regexp.MustCompile(`\S{30,}`).FindString(r.stdout)
		if token == "" {
			t.Fatalf("no token in %q", r.stdout)
		}
		tokens = append(tokens, token)
	}
	return tokens
}

// The crash probe of issue 13 for the server: `serve` killed with SIGKILL while clients
// write through the JSON API at full speed, again and again on one record that grows
// across the kills. After each kill, `verify` passes, the journal runs 1, 2, 3, … with
// no gap, every write the server answered 201 is in it at the seq and with the hash the
// answer gave (an answer is a promise: nothing answered may be lost), and every entry
// the round added is one of the writes that were sent (nothing half written, nothing
// invented).
func TestServerKilledWhileWritingKeepsEveryAnsweredWrite(t *testing.T) {
	rounds := 20
	db := filepath.Join(t.TempDir(), "record.db")
	if testkit.OnPostgres() {
		// verify costs about a second on PostgreSQL whatever the record's size (it
		// builds the replay's schema by running every migration): fewer rounds keep the
		// suite's time, and the SQLite run makes the 20 kills.
		rounds = 8
		db = testkit.PostgresDatabase(t, nil)
	}
	t0 := time.Now()
	// An empty record, not the demo: verify replays the whole journal after every kill,
	// and the demo's 628 entries would add half a second to each round while being no
	// more at risk than the entries the rounds add.
	expect(t, run(t, nil, "init", "--db", db), 0)
	const writers, tokensEach = 4, 2
	tokens := append([]string{writeToken(t, db)}, moreWriteTokens(t, db, writers*tokensEach-1)...)

	var kept []answeredWrite // every write answered so far, in every round
	var sentTotal, throttledTotal int
	for round := range rounds {
		before := readJournal(t, db)
		srv := killableServe(t, db)
		client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: writers}}

		var mu sync.Mutex
		sent := map[string]bool{}
		var answered []answeredWrite
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				a, s, th, errs := writeUntilRefused(client, srv.url, tokens[w*tokensEach:(w+1)*tokensEach], fmt.Sprintf("crash-r%d-w%d", round, w))
				mu.Lock()
				defer mu.Unlock()
				answered = append(answered, a...)
				for _, id := range s {
					sent[id] = true
				}
				throttledTotal += th
				for _, err := range errs {
					t.Errorf("round %d: %v", round, err)
				}
			})
		}
		at := 50*time.Millisecond + rand.N(350*time.Millisecond)
		time.Sleep(at)
		err := srv.kill()
		wg.Wait()
		client.CloseIdleConnections()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !ee.Sys().(syscall.WaitStatus).Signaled() {
			t.Fatalf("round %d: the server ended before it was killed (%v):\n%s", round, err, srv.out.String())
		}
		kept = append(kept, answered...)
		sentTotal += len(sent)

		if r := run(t, nil, "verify", "--db", db); r.code != 0 {
			t.Fatalf("round %d, killed after %s: verify fails:\n%s%s", round, at, r.stdout, r.stderr)
		}
		journal := readJournal(t, db)
		for i, e := range journal {
			if e.seq != int64(i+1) {
				t.Fatalf("round %d, killed after %s: the journal's entry %d has seq %d: the journal has a gap", round, at, i+1, e.seq)
			}
		}
		if len(journal) < len(before) {
			t.Fatalf("round %d, killed after %s: the journal shrank from %d entries to %d", round, at, len(before), len(journal))
		}
		for i, e := range before {
			if journal[i] != e {
				t.Fatalf("round %d, killed after %s: entry %d was %s %s %s before the round, and is %s %s %s after it",
					round, at, e.seq, e.verb, e.id, e.hash, journal[i].verb, journal[i].id, journal[i].hash)
			}
		}
		for _, e := range journal[len(before):] {
			if e.verb != "RegisterSource" || !sent[e.id] {
				t.Fatalf("round %d, killed after %s: entry %d (%s %s) is not one of the round's writes", round, at, e.seq, e.verb, e.id)
			}
		}
		for _, w := range kept {
			if w.seq > int64(len(journal)) {
				t.Fatalf("round %d, killed after %s: the write of %s was answered with entry %d, but the journal ends at %d: an answered write was lost",
					round, at, w.id, w.seq, len(journal))
			}
			if e := journal[w.seq-1]; e.hash != w.hash || e.id != w.id {
				t.Fatalf("round %d, killed after %s: the write of %s was answered with entry %d %s, but entry %d is %s %s %s",
					round, at, w.id, w.seq, w.hash, w.seq, e.verb, e.id, e.hash)
			}
		}
	}
	t.Logf("%d kills of a server taking writes, %d writes sent, %d answered (and all kept), %d throttled, the journal now %d entries; %s in all",
		rounds, sentTotal, len(kept), throttledTotal, len(readJournal(t, db)), time.Since(t0).Round(time.Millisecond))
	if len(kept) == 0 {
		t.Fatal("no write was answered in any round: the kills came before the server took writes, and tested nothing")
	}
}
