package moderation

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"masthead/internal/admin"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// queueView is the queue page.
type queueView struct {
	Filter   filter
	Tabs     []tabView
	Rows     []rowView
	Total    int // in this tab
	Pages    int
	PrevURL  string
	NextURL  string
	ClearURL string
	Notice   string
	Warning  string
	Bulk     []button
	CSS, JS  string
}

type tabView struct {
	Label   string
	URL     string
	Count   int
	Current bool
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f := filterFrom(q)
	counts, err := h.st.CommentStatusCounts(ctx, f.Q)
	if err != nil {
		h.fail(w, r, "count comments", err)
		return
	}
	v := queueView{Filter: f, Total: counts[f.Status], CSS: h.assets.URL("moderation.css"), JS: h.assets.URL("moderation.js")}
	v.Pages = max(1, (v.Total+h.perPage-1)/h.perPage)
	// After acting on the last comments of the last page, show the page
	// before rather than an empty one.
	f.Page = min(f.Page, v.Pages)
	v.Filter = f
	for _, s := range tabs() {
		v.Tabs = append(v.Tabs, tabView{Label: statusLabel(s), URL: f.with(s, 1).URL(nil), Count: counts[s], Current: s == f.Status})
	}
	if f.Page > 1 {
		v.PrevURL = f.with(f.Status, f.Page-1).URL(nil)
	}
	if f.Page < v.Pages {
		v.NextURL = f.with(f.Status, f.Page+1).URL(nil)
	}
	if f.Q != "" {
		v.ClearURL = filter{Status: f.Status, Page: 1}.URL(nil)
	}
	list, err := h.st.SearchComments(ctx, store.CommentSearch{Status: f.Status, Text: f.Q,
		Limit: h.perPage, Offset: (f.Page - 1) * h.perPage})
	if err != nil {
		h.fail(w, r, "list comments", err)
		return
	}
	if v.Rows, err = h.rows(r, list, f); err != nil {
		h.fail(w, r, "load articles", err)
		return
	}
	v.Notice, v.Warning = notice(q)
	for _, a := range actions() {
		v.Bulk = append(v.Bulk, button{Verb: a.verb, Label: bulkLabel(a.verb)})
	}
	h.adm.Render(w, r, h.queue, "Comments", v)
}

// rows pairs comments with their articles, in one query for all.
func (h *handler) rows(r *http.Request, list []*comment.Comment, f filter) ([]rowView, error) {
	ids := make([]int64, 0, len(list))
	for _, c := range list {
		ids = append(ids, c.ArticleID)
	}
	arts, err := h.st.CommentArticles(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	csrf := admin.CSRFToken(r)
	rows := make([]rowView, len(list))
	for i, c := range list {
		rows[i] = newRow(c, arts[c.ArticleID], csrf, f)
	}
	return rows, nil
}

func statusLabel(s comment.Status) string {
	switch s {
	case comment.StatusPending:
		return "Pending"
	case comment.StatusApproved:
		return "Approved"
	case comment.StatusSpam:
		return "Spam"
	case comment.StatusTrash:
		return "Trash"
	}
	return string(s)
}

func bulkLabel(verb string) string {
	switch verb {
	case "approve":
		return "Approve"
	case "unapprove":
		return "Move to pending"
	case "spam":
		return "Mark as spam"
	case "trash":
		return "Move to the trash"
	}
	return "Delete for good"
}

// notice says what the last action did, from the redirect's parameters.
func notice(q url.Values) (note, warning string) {
	get := q.Get
	n, _ := strconv.Atoi(get("n"))
	switch verb := get("done"); verb {
	case "":
	case "none":
		warning = "No comment was selected, so nothing changed. Tick the comments first."
	case "reply":
		note = "Your reply is published."
	default:
		if a, ok := actionByVerb(verb); ok {
			note = fmt.Sprintf("%s %s.", count(n), a.past)
		}
	}
	if get("learn") == "failed" {
		warning = "The decision is saved, but the spam filter could not learn from it; the error has been logged."
	}
	return note, warning
}

func count(n int) string {
	if n == 1 {
		return "1 comment"
	}
	return strconv.Itoa(n) + " comments"
}
