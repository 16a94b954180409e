package moderation

import (
	"net/url"
	"strconv"
	"strings"

	"masthead/internal/comment"
)

// filter is what the queue shows: a status tab, a search and a page. The
// same fields ride along in every form, so after an action the moderator
// lands back where they were.
type filter struct {
	Status comment.Status
	Q      string
	Page   int // from 1
}

// tabs are the queue's statuses, in order. Discarded comments are not
// reviewed: they are purged after the IP retention period.
func tabs() []comment.Status {
	return []comment.Status{comment.StatusPending, comment.StatusApproved, comment.StatusSpam, comment.StatusTrash}
}

// filterFrom reads a filter from a query or a form; anything unknown
// falls back to the first page of pending comments.
func filterFrom(v url.Values) filter {
	f := filter{Status: comment.StatusPending, Q: strings.TrimSpace(v.Get("q")), Page: 1}
	for _, s := range tabs() {
		if v.Get("status") == string(s) {
			f.Status = s
		}
	}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		f.Page = n
	}
	if len(f.Q) > 200 {
		f.Q = strings.ToValidUTF8(f.Q[:200], "")
	}
	return f
}

// values is the filter as query parameters, page 1 left out.
func (f filter) values() url.Values {
	v := url.Values{"status": {string(f.Status)}}
	if f.Q != "" {
		v.Set("q", f.Q)
	}
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page))
	}
	return v
}

// URL is the queue showing this filter, with extra parameters (a notice)
// added.
func (f filter) URL(extra url.Values) string {
	v := f.values()
	for k, vs := range extra {
		v[k] = vs
	}
	return "/admin/comments?" + v.Encode()
}

// with returns the filter on another tab or page.
func (f filter) with(status comment.Status, page int) filter {
	f.Status, f.Page = status, page
	return f
}
