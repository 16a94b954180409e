package sources

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"masthead/internal/store"
)

// listView is the sources page.
type listView struct {
	Sources []sourceRow
	Added   string // name of the source just added
	Saved   string // name of the source just changed
	Removed bool
	Polled  *pollNotice
}

type sourceRow struct {
	*store.Source
	Due bool // next poll is now or past
}

// pollNotice is the outcome of "Poll now", carried through the redirect
// as numbers and read back; the error text comes from the source itself.
type pollNotice struct {
	ID                                       int64
	Name                                     string
	New, Published, Updated, Unchanged, Held int64
	NotModified, Busy, Failed                bool
	Error                                    string
}

func (h *handler) listSources(w http.ResponseWriter, r *http.Request) {
	list, err := h.st.Sources(r.Context())
	if err != nil {
		h.serverError(w, r, "list sources", err)
		return
	}
	view := listView{Removed: r.URL.Query().Get("removed") == "1"}
	now := time.Now()
	byID := map[int64]*store.Source{}
	for _, s := range list {
		byID[s.ID] = s
		view.Sources = append(view.Sources, sourceRow{Source: s, Due: !s.Poll.NextAt.After(now)})
	}
	if s := byID[queryInt(r, "added")]; s != nil {
		view.Added = s.Name
	}
	if s := byID[queryInt(r, "saved")]; s != nil {
		view.Saved = s.Name
	}
	if s := byID[queryInt(r, "polled")]; s != nil {
		view.Polled = pollNoticeOf(r, s)
	}
	h.adm.Render(w, r, h.list, "Sources", view)
}

func pollNoticeOf(r *http.Request, s *store.Source) *pollNotice {
	q := r.URL.Query()
	return &pollNotice{
		ID: s.ID, Name: s.Name,
		New: queryInt(r, "new"), Published: queryInt(r, "published"), Updated: queryInt(r, "updated"),
		Unchanged: queryInt(r, "unchanged"), Held: queryInt(r, "held"),
		NotModified: q.Get("not_modified") == "1", Busy: q.Get("busy") == "1", Failed: q.Get("failed") == "1",
		Error: s.Poll.LastError,
	}
}

// pollSource polls one source now and shows what came of it.
func (h *handler) pollSource(w http.ResponseWriter, r *http.Request) {
	src, ok := h.source(w, r)
	if !ok {
		return
	}
	reports, err := h.poller.PollNow(r.Context(), src.ID)
	if err == nil && len(reports) != 1 {
		err = errors.New("the poller reported on " + strconv.Itoa(len(reports)) + " sources, not one")
	}
	if err != nil {
		h.serverError(w, r, "poll source", err)
		return
	}
	rep := reports[0]
	id := strconv.FormatInt(src.ID, 10)
	q := url.Values{"polled": {id}}
	switch {
	case errors.Is(rep.Err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such source; it may have been removed.")
		return
	case errors.Is(rep.Err, store.ErrLeased):
		q.Set("busy", "1")
	case rep.Err != nil:
		h.log.Warn("admin: poll now failed", "source", src.ID, "err", rep.Err)
		q.Set("failed", "1")
	default:
		for k, v := range map[string]int{"new": rep.New, "published": rep.Published, "updated": rep.Updated,
			"unchanged": rep.Unchanged, "held": rep.Held} {
			q.Set(k, strconv.Itoa(v))
		}
		if rep.NotModified {
			q.Set("not_modified", "1")
		}
	}
	http.Redirect(w, r, "/admin/sources?"+q.Encode()+"#source-"+id, http.StatusSeeOther)
}

func (h *handler) removeSource(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "source")
	if !ok {
		return
	}
	switch err := h.st.DeleteSource(r.Context(), id); {
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such source; it may have been removed already.")
		return
	case err != nil:
		h.serverError(w, r, "remove source", err)
		return
	}
	h.log.Info("admin: source removed", "source", id, "by", editor(r))
	http.Redirect(w, r, "/admin/sources?removed=1", http.StatusSeeOther)
}
