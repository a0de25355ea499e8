package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"secretariat/internal/testkit"
)

// startServe starts `secretariat serve` on a free port as its own process, and stops it
// when the test ends. It returns the server's address once it answers.
func startServe(t *testing.T, db string, extra ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	args := append([]string{"serve", "--db", db, "--addr", addr}, extra...)
	cmd := exec.Command(binary, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url + "/"); err == nil {
			resp.Body.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer on %s: %s", addr, out.String())
		}
	}
}

// writeToken adds an officer to the record at db and returns a write token of theirs.
func writeToken(t *testing.T, db string) string {
	t.Helper()
	pw := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(pw, []byte("a long enough password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	expect(t, run(t, nil, "user", "add", "olga", "--role", "officer", "--password-file", pw, "--db", db), 0)
	r := run(t, nil, "token", "create", "--user", "olga", "--scope", "write", "--expires", "1h", "--db", db)
	expect(t, r, 0)
	token := regexp.MustCompile(`\S{30,}`).FindString(r.stdout)
	if token == "" {
		t.Fatalf("no token in %q", r.stdout)
	}
	return token
}

// Several servers, one journal: three `serve` processes on one PostgreSQL database take
// writes at once through the JSON API, and the journal stays one chain, every write in
// it once, which verify proves.
func TestThreeServersWriteOneJournal(t *testing.T) {
	if !testkit.OnPostgres() {
		t.Skip("PostgreSQL only: several servers share a PostgreSQL database (the test command's PostgreSQL run runs it)")
	}
	db := testkit.PostgresDatabase(t, nil)
	expect(t, run(t, nil, "init", "--db", db), 0)
	token := writeToken(t, db)
	var servers []string
	for range 3 {
		servers = append(servers, startServe(t, db))
	}
	const clients, writes = 3, 20
	var wg sync.WaitGroup
	errs := make(chan error, len(servers)*clients*writes)
	for si, url := range servers {
		for c := range clients {
			wg.Go(func() {
				for w := range writes {
					body, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("s%d-c%d-w%d", si, c, w),
						"title": map[string]string{"en": "Source", "authentic": "en"}, "url": "https://example.org/", "class": "media"})
					req, _ := http.NewRequest(http.MethodPost, url+"/api/v1/sources", bytes.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						errs <- err
						continue
					}
					if resp.StatusCode != http.StatusCreated {
						var b bytes.Buffer
						b.ReadFrom(resp.Body)
						errs <- fmt.Errorf("server %d: %s: %s", si, resp.Status, b.String())
					}
					resp.Body.Close()
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	verify := run(t, nil, "verify", "--db", db)
	expect(t, verify, 0, "ok:")
	m := headPattern.FindStringSubmatch(verify.stdout)
	if m == nil || m[2] != fmt.Sprint(len(servers)*clients*writes) {
		t.Fatalf("verify does not count %d records: %s", len(servers)*clients*writes, verify.stdout)
	}
	if !strings.Contains(verify.stdout, "journal entries") {
		t.Fatal(verify.stdout)
	}
}
