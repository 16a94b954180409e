package akismet

import (
	"net/http"

	"masthead/internal/filter"
)

func (h *Handler) submitSpam(w http.ResponseWriter, r *http.Request, p *params) {
	h.submit(w, r, p, filter.Spam)
}

func (h *Handler) submitHam(w http.ResponseWriter, r *http.Request, p *params) {
	h.submit(w, r, p, filter.Ham)
}

// submit is a site's moderator correcting us (or confirming): the filter
// learns the label at once, on every instance, unless the call is a test.
// Whether it corrects what comment-check said is counted as missed spam or
// a false positive.
func (h *Handler) submit(w http.ResponseWriter, r *http.Request, p *params, label filter.Label) {
	k := h.authorize(w, r, p, true)
	if k == nil || !h.requireComment(w, p) {
		return
	}
	if p.isTest {
		h.text(w, bodyThanks)
		return
	}
	if err := h.filter.Learn(r.Context(), p.comment(h.now()), label, filter.SourceAkismet); err != nil {
		h.log.Warn("akismet: learning from a submission failed", "label", label, "err", err)
		h.invalid(w, "The submission could not be recorded; please retry later.")
		return
	}
	id := h.identity(k.key, p)
	before, known := h.verdicts.get(id)
	if label == filter.Spam {
		if known && before == saidHam {
			k.pending.missedSpam.Add(1)
		}
		h.verdicts.put(id, saidSpam)
	} else {
		if known && before == saidSpam {
			k.pending.falsePositives.Add(1)
		}
		h.verdicts.put(id, saidHam)
	}
	h.text(w, bodyThanks)
}
