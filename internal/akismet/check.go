package akismet

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/spam"
)

// Akismet's test triggers: clients use them to check their integration,
// so they must answer the same whatever the model has learned.
const (
	triggerSpamAuthor = "akismet-guaranteed-spam"
	triggerSpamEmail  = "akismet-guaranteed-spam@example.com"
	triggerHamRole    = "administrator"
)

// commentCheck answers "true" for spam and "false" for ham; blatant spam
// also gets "X-akismet-pro-tip: discard".
func (h *Handler) commentCheck(w http.ResponseWriter, r *http.Request, p *params) {
	k := h.authorize(w, r, p, true)
	if k == nil || !h.requireComment(w, p) {
		return
	}
	v := h.verdict(p)
	k.pending.calls.Add(1)
	id := h.identity(k.key, p)
	hd := w.Header()
	if v.Class.IsSpam() {
		k.pending.spam.Add(1)
		h.verdicts.put(id, saidSpam)
		if v.Class == spam.ClassDiscard {
			hd[hdrProTip] = h.headers.discard
		}
	} else {
		k.pending.ham.Add(1)
		h.verdicts.put(id, saidHam)
	}
	hd[hdrGUID] = []string{strconv.FormatUint(id, 16)}
	if rs := reasonsHeader(v.Reasons, p.email); rs != "" {
		hd[hdrReasons] = []string{rs}
	}
	if v.Class.IsSpam() {
		h.text(w, "true")
	} else {
		h.text(w, "false")
	}
}

// verdict applies the test triggers, then the filter.
func (h *Handler) verdict(p *params) spam.Verdict {
	switch {
	case p.author == triggerSpamAuthor || strings.EqualFold(p.email, triggerSpamEmail):
		return spam.Verdict{Class: spam.ClassSpam, Score: 1, Reasons: []string{"Akismet test trigger: guaranteed spam"}}
	case p.userRole == triggerHamRole:
		return spam.Verdict{Class: spam.ClassHam, Score: 0, Reasons: []string{"Akismet test trigger: user_role administrator"}}
	}
	return h.filter.Check(p.comment(h.now()))
}
