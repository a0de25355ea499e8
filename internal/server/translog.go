package server

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"secretariat"
	"secretariat/internal/httpx"
	"secretariat/internal/translog"
)

// The transparency log's routes: what a member state's witness, an auditor or any
// reader needs to check the record without trusting this server.
//
//	GET  /checkpoint                        the latest signed checkpoint, with its cosignatures
//	GET  /checkpoint/consistency?old=N&new=M the consistency proof from N to M entries (M: the latest checkpoint's)
//	POST /checkpoint/cosignature            a witness's cosignature of a checkpoint the log signed
//	GET  /records/{kind}/{id}/proof         the record's proof bundle, for the reader
func (s *Server) translogRoutes(mux *http.ServeMux) {
	mux.Handle("GET /checkpoint", httpx.Handle(s.log, s.checkpoint))
	mux.Handle("GET /checkpoint/consistency", httpx.Handle(s.log, s.consistency))
	mux.Handle("POST /checkpoint/cosignature", httpx.Handle(s.log, s.cosign))
	mux.Handle("GET /records/{kind}/{id}/proof", httpx.HandleWith(s.log, s.proof, s.app.ErrorPage))
}

func (s *Server) checkpoint(w http.ResponseWriter, r *http.Request) error {
	c, err := s.st.LatestCheckpoint(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(c.Served())
	return err
}

func (s *Server) consistency(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	old, err := strconv.ParseInt(q.Get("old"), 10, 64)
	if err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "give the old tree size as ?old=N")
	}
	size := int64(0)
	if q.Get("new") != "" {
		if size, err = strconv.ParseInt(q.Get("new"), 10, 64); err != nil {
			return secretariat.Errorf(secretariat.EINVALID, "?new=%q is not a tree size", q.Get("new"))
		}
	} else {
		c, err := s.st.LatestCheckpoint(r.Context())
		if err != nil {
			return err
		}
		size = c.Size
	}
	proof, err := s.st.ProveConsistency(r.Context(), old, size)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err = w.Write(translog.FormatProof(proof))
	return err
}

// cosign keeps a witness's cosignature. It needs no sign-in: the signature itself says
// which member state made it, and only keys the states registered in the record count.
func (s *Server) cosign(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, translog.MaxCheckpointSize+1))
	if err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "reading the cosignature: %v", err)
	}
	added, err := s.st.AddCosignature(r.Context(), body)
	if err != nil {
		return err
	}
	text, _, _ := translog.SplitNote(body)
	cp, _ := translog.ParseCheckpoint(text)
	c, err := s.st.Checkpoint(r.Context(), cp.Size)
	if err != nil {
		return err
	}
	members, err := s.st.MembersOn(r.Context(), secretariat.DateOf(c.SignedAt))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	what := "already kept"
	if len(added) > 0 {
		what = "kept"
	}
	_, err = fmt.Fprintf(w, "%s: the checkpoint of %d entries is cosigned by %d of %d member states\n", what, c.Size, len(c.Cosignatures), members)
	return err
}

func (s *Server) proof(w http.ResponseWriter, r *http.Request) error {
	kind, id := r.PathValue("kind"), r.PathValue("id")
	if _, ok := secretariat.LookupKind(kind); !ok {
		return secretariat.Errorf(secretariat.ENOTFOUND, "there is no such page")
	}
	b, err := s.st.ProveRecord(r.Context(), viewer(r), kind, id)
	if err != nil {
		return err
	}
	data, err := b.Marshal()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "proof-"+kind+"-"+id+".json"))
	_, err = w.Write(data)
	return err
}
