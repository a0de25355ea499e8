package translog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
)

// Consider is the witness's rule: a witness that last cosigned prev (nil for none) may
// cosign next only if the log grew from prev, as the consistency proof from prev's size
// to next's shows. It refuses, saying why, a log of another origin, a rollback (a
// smaller tree), a fork (a tree of the same size with another root) and a tree that does
// not extend the one it saw.
func Consider(prev *Checkpoint, next Checkpoint, proof []tlog.Hash) error {
	refuse := func(format string, args ...any) error {
		return secretariat.Errorf(secretariat.ECONFLICT, "refused: "+format, args...)
	}
	if prev == nil {
		return nil
	}
	switch {
	case next.Origin != prev.Origin:
		return refuse("the checkpoint is of the log %q, but this witness keeps the log %q", next.Origin, prev.Origin)
	case next.Size < prev.Size:
		return refuse("rollback: the log now shows %d entries, but this witness cosigned %d entries before; a log never shrinks, so entries were removed or this is another copy of the log", next.Size, prev.Size)
	case next.Size == prev.Size && next.Root != prev.Root:
		return refuse("fork: the log shows a tree of %d entries with root %s, but this witness cosigned the tree of %d entries with root %s; two trees of the same size mean the record was rewritten, or different readers are shown different records", next.Size, next.RootBase64(), prev.Size, prev.RootBase64())
	case next.Size == prev.Size:
		return nil
	}
	if err := tlog.CheckTree(proof, next.Size, next.Root, prev.Size, prev.Root); err != nil {
		return refuse("fork: the tree of %d entries (root %s) does not extend the tree of %d entries (root %s) this witness cosigned; the consistency proof fails, so earlier entries were changed", next.Size, next.RootBase64(), prev.Size, prev.RootBase64())
	}
	return nil
}

// Witness is a member state's witness: it fetches the log's checkpoint, checks that the
// log grew consistently from the last checkpoint it cosigned, cosigns, keeps the new
// checkpoint in its state directory, and hands the cosignature to the log.
type Witness struct {
	// URL is the log's address (secretariat serve).
	URL string
	// Log is the log's verifier key, which the witness trusts.
	Log note.Verifier
	// Signer is the state's witness key.
	Signer *Cosigner
	// StateDir keeps the last checkpoint cosigned, and the checkpoints refused.
	StateDir string
	// Client makes the requests; one with a 30 s timeout when nil.
	Client *http.Client
}

// WitnessResult is what a run of the witness did.
type WitnessResult struct {
	Previous    *Checkpoint
	Checkpoint  Checkpoint
	Cosignature string
	// Reply is the log's answer to the cosignature.
	Reply string
}

// stateFile is the file in the state directory that keeps the last checkpoint cosigned.
const stateFile = "checkpoint"

// Run witnesses the log once.
func (w *Witness) Run(ctx context.Context) (*WitnessResult, error) {
	if err := os.MkdirAll(w.StateDir, 0o700); err != nil {
		return nil, fmt.Errorf("making the state directory: %w", err)
	}
	unlock, err := lockDir(w.StateDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	res := &WitnessResult{}
	if prev, err := os.ReadFile(filepath.Join(w.StateDir, stateFile)); err == nil {
		c, _, err := Open(prev, w.Log)
		if err != nil {
			return nil, fmt.Errorf("the state directory's checkpoint cannot be read with the log's key: %w", err)
		}
		res.Previous = &c
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("reading the state directory: %w", err)
	}
	signed, err := w.get(ctx, "/checkpoint")
	if err != nil {
		return nil, err
	}
	next, n, err := Open(signed, w.Log)
	if err != nil {
		return nil, fmt.Errorf("the log's checkpoint: %w", err)
	}
	res.Checkpoint = next
	var proof []tlog.Hash
	if res.Previous != nil && next.Size > res.Previous.Size {
		text, err := w.get(ctx, fmt.Sprintf("/checkpoint/consistency?old=%d&new=%d", res.Previous.Size, next.Size))
		if err != nil {
			return nil, err
		}
		if proof, err = ParseProof("the consistency proof", text); err != nil {
			return nil, err
		}
	}
	if err := Consider(res.Previous, next, proof); err != nil {
		name := fmt.Sprintf("refused-%d-%d.checkpoint", next.Size, time.Now().Unix())
		if werr := os.WriteFile(filepath.Join(w.StateDir, name), signed, 0o600); werr == nil {
			err = fmt.Errorf("%w (the refused checkpoint is kept as evidence in %s)", err, filepath.Join(w.StateDir, name))
		}
		return res, err
	}
	line, err := Cosign([]byte(n.Text), w.Signer)
	if err != nil {
		return nil, err
	}
	res.Cosignature = line
	// The new checkpoint is kept before the cosignature leaves: a witness never signs
	// a tree it would not check the next one against.
	if err := writeAtomic(filepath.Join(w.StateDir, stateFile), logSigned(signed, n, w.Log)); err != nil {
		return nil, err
	}
	reply, err := w.post(ctx, "/checkpoint/cosignature", append(append([]byte(n.Text), '\n'), line+"\n"...))
	if err != nil {
		return res, fmt.Errorf("cosigned, but the log did not take the cosignature: %w", err)
	}
	res.Reply = strings.TrimSpace(string(reply))
	return res, nil
}

// logSigned is the checkpoint with the log's own signature only, as the witness keeps it.
func logSigned(signed []byte, n *note.Note, log note.Verifier) []byte {
	_, sigs, err := SplitNote(signed)
	if err != nil {
		return signed
	}
	out := append([]byte(n.Text), '\n')
	for _, s := range sigs {
		if strings.HasPrefix(s, "— "+log.Name()+" ") {
			out = append(out, s+"\n"...)
		}
	}
	return out
}

func (w *Witness) client() *http.Client {
	if w.Client != nil {
		return w.Client
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (w *Witness) endpoint(path string) (string, error) {
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", secretariat.Errorf(secretariat.EINVALID, "%q is not the address of a log: give http(s)://HOST[:PORT]", w.URL)
	}
	return strings.TrimSuffix(w.URL, "/") + path, nil
}

func (w *Witness) get(ctx context.Context, path string) ([]byte, error) {
	return w.do(ctx, http.MethodGet, path, nil)
}

func (w *Witness) post(ctx context.Context, path string, body []byte) ([]byte, error) {
	return w.do(ctx, http.MethodPost, path, body)
}

func (w *Witness) do(ctx context.Context, method, path string, body []byte) ([]byte, error) {
	u, err := w.endpoint(path)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	}
	resp, err := w.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxCheckpointSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	if len(b) > MaxCheckpointSize {
		return nil, fmt.Errorf("%s %s: the answer is longer than %d bytes", method, u, MaxCheckpointSize)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: %s: %s", method, u, resp.Status, shorten(strings.TrimSpace(string(b))))
	}
	return b, nil
}

// writeAtomic replaces a file with data, so that a crash leaves the old or the new.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("keeping the checkpoint: %w", err)
	}
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("keeping the checkpoint: %w", err)
	}
	return nil
}

// lockDir takes the state directory's lock, so that two runs of a witness never
// cosign from the same old checkpoint at once.
func lockDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("locking the state directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, secretariat.Errorf(secretariat.ECONFLICT, "another witness run holds %s; wait for it to finish", dir)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
