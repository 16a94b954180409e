package akismet

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"masthead/internal/store"
)

// key-sites' default page size (Akismet's) and the largest we take.
const (
	keySitesLimit    = 500
	maxKeySitesLimit = 10000
)

// usageLimit reports this month's calls in Akismet's shape. masthead has
// no monthly cap (keys have a per-minute rate limit instead), so the limit
// is "none"; throttled says whether the key hit its rate limit in the
// last minute.
func (h *Handler) usageLimit(w http.ResponseWriter, r *http.Request, p *params) {
	k := h.authorize(w, r, p, true)
	if k == nil {
		return
	}
	now := h.now()
	counts, ok := h.monthCounts(w, r, k, monthOf(now))
	if !ok {
		return
	}
	throttled := now.UnixNano()-k.throttled.Load() < int64(time.Minute)
	h.json(w, map[string]any{
		"limit":      "none",
		"usage":      counts.Calls,
		"percentage": "0.00",
		"throttled":  throttled,
	})
}

// keySites reports the key's site and its counts for a month, in Akismet's
// JSON (month → sites, limit, offset, total) or CSV shape. A masthead key
// belongs to one site, so there is one row at most.
func (h *Handler) keySites(w http.ResponseWriter, r *http.Request, p *params) {
	k := h.authorize(w, r, p, true)
	if k == nil {
		return
	}
	month := p.month
	if month == "" {
		month = monthOf(h.now())
	}
	if !store.ValidMonth(month) {
		h.invalid(w, `Invalid "month" value; use YYYY-MM`)
		return
	}
	limit, offset := min(atoiOr(p.limit, keySitesLimit), maxKeySitesLimit), atoiOr(p.offset, 0)
	counts, ok := h.monthCounts(w, r, k, month)
	if !ok {
		return
	}
	conf := k.conf.Load()
	type site struct {
		Site           string `json:"site"`
		APICalls       string `json:"api_calls"`
		Spam           string `json:"spam"`
		Ham            string `json:"ham"`
		MissedSpam     string `json:"missed_spam"`
		FalsePositives string `json:"false_positives"`
		IsRevoked      bool   `json:"is_revoked"`
	}
	var all []site
	if p.filter == "" || strings.Contains(conf.site, p.filter) {
		all = append(all, site{conf.site, itoa(counts.Calls), itoa(counts.Spam), itoa(counts.Ham),
			itoa(counts.MissedSpam), itoa(counts.FalsePositives), conf.revoked})
	}
	page := []site{}
	if offset < len(all) && limit > 0 {
		page = all[offset:min(len(all), offset+limit)]
	}
	if strings.EqualFold(p.format, "csv") {
		w.Header()["Content-Type"] = h.headers.csv
		cw := csv.NewWriter(w)
		cw.Write([]string{"Active sites for " + month})
		cw.Write([]string{"Site", "Total API Calls", "Spam", "Ham", "Missed Spam", "False Positives", "Is Revoked"})
		for _, s := range page {
			cw.Write([]string{s.Site, s.APICalls, s.Spam, s.Ham, s.MissedSpam, s.FalsePositives, strconv.FormatBool(s.IsRevoked)})
		}
		cw.Flush()
		return
	}
	// A map marshals with sorted keys, which puts the month (digits) before
	// limit, offset and total, as Akismet orders them.
	h.json(w, map[string]any{month: page, "limit": limit, "offset": offset, "total": len(all)})
}

// monthCounts adds the key's unflushed counts (for the current month) to
// what the database holds.
func (h *Handler) monthCounts(w http.ResponseWriter, r *http.Request, k *apiKey, month string) (store.APIKeyCounts, bool) {
	counts, err := h.keys.store.APIKeyMonth(r.Context(), k.key, month)
	if err != nil {
		h.log.Warn("akismet: reading key usage failed", "err", err)
		h.invalid(w, "Usage is not available right now; please retry later.")
		return counts, false
	}
	if month == monthOf(h.now()) {
		counts = counts.Add(k.pending.snapshot())
	}
	return counts, true
}

func (h *Handler) json(w http.ResponseWriter, v any) {
	w.Header()["Content-Type"] = h.headers.json
	json.NewEncoder(w).Encode(v)
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n
	}
	return def
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
