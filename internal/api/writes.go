package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// WriteAnswer is what a verb answers: the record it is about as the verb left it, and
// the journal entry it wrote (its sequence number and hash, and every record it wrote
// in its after-image). A verb that changed nothing answers both as null.
type WriteAnswer struct {
	Record json.RawMessage `json:"record"`
	Entry  *store.Entry    `json:"entry"`
}

// IdempotencyWindow is how long a write is remembered by its Idempotency-Key.
const IdempotencyWindow = 24 * time.Hour

// MaxUploadBody bounds a request with documents: four documents at their own cap, and
// the report.
const MaxUploadBody = 4*store.MaxFileSize + MaxJSONBody

// write runs a route's verb: it reads the body, answers a repeated Idempotency-Key from
// the first write, and runs the verb under the request's If-Match in the verb's own
// transaction, as the client's account and token.
func (a *API) write(c *call, rt *route) (int, any, error) {
	if err := readWriteBody(c, rt); err != nil {
		return 0, nil, err
	}
	ctx := store.WithIfMatchRequired(c.ctx())
	if h := c.r.Header.Get("If-Match"); h != "" {
		v, err := parseIfMatch(h)
		if err != nil {
			return 0, nil, err
		}
		ctx = store.WithIfMatch(ctx, v)
	}
	key := c.r.Header.Get("Idempotency-Key")
	if key != "" {
		if err := checkIdempotencyKey(key); err != nil {
			return 0, nil, err
		}
		c.digest = digest(c.r.Method, c.r.URL.Path, []byte(c.r.Header.Get("If-Match")), c.digestOf())
		if status, body, done, err := a.replay(c, key); done || err != nil {
			return status, body, err
		}
		ctx = store.WithIdempotencyKey(ctx, store.IdempotencyKey{TokenID: c.client.token.ID, Key: key, RequestHash: c.digest, At: a.now()})
	}
	c.st = a.st.WithActor(c.client.actor())
	c.r = c.r.WithContext(ctx)
	e, err := rt.verb(c)
	if err != nil {
		if key != "" && secretariat.ErrorCode(err) == secretariat.ECONFLICT {
			// Another request with the same key may have committed first.
			if status, body, done, rerr := a.replay(c, key); done || rerr != nil {
				return status, body, rerr
			}
		}
		return 0, nil, err
	}
	if e.Seq == 0 {
		return http.StatusOK, WriteAnswer{}, nil
	}
	ans, err := answerOf(e)
	if err != nil {
		return 0, nil, err
	}
	c.version = e.Seq
	return http.StatusCreated, ans, nil
}

// replay answers a request whose key was used before: with the first write's answer when
// the request is the same, with a conflict when it is not. done is false when the key is
// new.
func (a *API) replay(c *call, key string) (int, any, bool, error) {
	prev, err := a.st.FindIdempotent(c.ctx(), c.client.token.ID, key, a.now().Add(-IdempotencyWindow))
	if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, true, err
	}
	if prev.RequestHash != c.digest {
		return 0, nil, true, &apiError{code: codeConflict,
			message: fmt.Sprintf("Idempotency-Key %q was used within the last 24 hours for another request: use a new key for a new request", key),
			fields:  map[string]string{"Idempotency-Key": "used for another request"}}
	}
	ans, err := answerOf(prev.Entry)
	if err != nil {
		return 0, nil, true, err
	}
	c.version = prev.Entry.Seq
	c.w.Header().Set("Idempotent-Replayed", "true")
	return http.StatusCreated, ans, true, nil
}

// checkIdempotencyKey refuses a key that is empty, too long or not printable ASCII.
func checkIdempotencyKey(k string) error {
	ok := len(k) <= 255
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			ok = false
		}
	}
	if !ok {
		return &apiError{code: codeInvalid, message: "Idempotency-Key must be 1 to 255 printable ASCII characters, such as a UUID",
			fields: map[string]string{"Idempotency-Key": "1 to 255 printable ASCII characters"}}
	}
	return nil
}

// answerOf builds a verb's answer from its journal entry alone, so that a replay answers
// exactly what the first write did.
func answerOf(e store.Entry) (WriteAnswer, error) {
	changes, err := e.Changes()
	if err != nil {
		return WriteAnswer{}, err
	}
	out := WriteAnswer{Entry: &e}
	for _, ch := range changes {
		if ch.Kind == e.Entity && ch.ID == e.ID {
			out.Record = ch.Doc
		}
	}
	return out, nil
}

// readWriteBody reads the body a verb takes: nothing, JSON of at most MaxJSONBody, or a
// multipart form with a JSON part and documents, at most MaxUploadBody.
func readWriteBody(c *call, rt *route) error {
	switch {
	case rt.in == nil:
		data, err := readBody(c.r, MaxJSONBody)
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(data)) > 0 && string(bytes.TrimSpace(data)) != "{}" {
			return errorf(codeInvalid, "this verb takes no body: send none (or {})")
		}
		return nil
	case rt.multipart:
		return readMultipart(c)
	}
	if err := requireJSON(c.r); err != nil {
		return err
	}
	data, err := readBody(c.r, MaxJSONBody)
	c.body = data
	return err
}

// digestOf is the content a request's idempotency key stands for: its body, or for a
// multipart body its JSON part and its documents' names and hashes (the boundary a
// client picks differs between two sendings of the same request).
func (c *call) digestOf() []byte {
	if c.files == nil {
		return c.body
	}
	var b bytes.Buffer
	b.Write(c.body)
	for _, f := range c.files {
		sum := sha256.Sum256(f.Content)
		fmt.Fprintf(&b, "\n%s %x", f.Name, sum)
	}
	return b.Bytes()
}

// readMultipart reads a multipart/form-data body: the part named "json" is the verb's
// input, and each part named "documents" a document of at most store.MaxFileSize.
func readMultipart(c *call) error {
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return errorf(codeMediaType, fmt.Sprintf("send a report as multipart/form-data, with its JSON in a part named json and each document in a part named documents (got %q)", c.r.Header.Get("Content-Type")))
	}
	data, err := readBody(c.r, MaxUploadBody)
	if err != nil {
		return err
	}
	mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
	c.files = []store.File{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return errorf(codeInvalid, "the multipart body could not be read: "+err.Error())
		}
		switch p.FormName() {
		case "json":
			if c.body, err = readPart(p, MaxJSONBody); err != nil {
				return err
			}
		case "documents":
			content, err := readPart(p, store.MaxFileSize)
			if err != nil {
				return &apiError{code: codeTooLarge, message: fmt.Sprintf("document %q is larger than %d bytes (10 MiB)", p.FileName(), store.MaxFileSize),
					fields: map[string]string{"documents": "at most 10 MiB each"}}
			}
			name := p.FileName()
			if name == "" {
				name = "document"
			}
			c.files = append(c.files, store.File{Name: name, Content: content})
		default:
			return &apiError{code: codeInvalid, message: fmt.Sprintf("the body has a part %q: its parts are json and documents", p.FormName()),
				fields: map[string]string{p.FormName(): "unknown part"}}
		}
	}
	if c.body == nil {
		return &apiError{code: codeInvalid, message: "the multipart body has no part named json", fields: map[string]string{"json": "required"}}
	}
	return nil
}

func readPart(p *multipart.Part, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(p, limit+1))
	if err != nil {
		return nil, errorf(codeInvalid, "the multipart body could not be read: "+err.Error())
	}
	if int64(len(data)) > limit {
		return nil, errorf(codeTooLarge, fmt.Sprintf("part %q is larger than %d bytes", p.FormName(), limit))
	}
	return data, nil
}

// isJSONType reports whether a Content-Type names JSON.
func isJSONType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}
