package akismet

import (
	"net/http"
	"strconv"
	"time"
)

// authorize finds the call's key, from the parameters or else the Host,
// and answers the client itself when the key is missing, unknown, revoked
// or over its rate limit; it returns nil then.
func (h *Handler) authorize(w http.ResponseWriter, r *http.Request, p *params, rateLimited bool) *apiKey {
	raw := p.key
	if raw == "" {
		raw = hostKey(r.Host)
	}
	if raw == "" {
		h.invalid(w, `Empty "api_key" value`)
		return nil
	}
	key, ok := normalizeKey(raw)
	var k *apiKey
	if ok {
		k = h.keys.lookup(r.Context(), key)
	}
	if k == nil || k.conf.Load().revoked {
		h.invalid(w, "Invalid API key")
		return nil
	}
	if !rateLimited {
		return k
	}
	limit := k.conf.Load().rateLimit
	if limit <= 0 {
		return k
	}
	now := h.now()
	allowed, wait := k.limiter.allow(now, limit)
	if allowed {
		return k
	}
	k.throttled.Store(now.UnixNano())
	hd := w.Header()
	hd[hdrDebugHelp] = []string{"Rate limit exceeded: this key allows " + strconv.Itoa(limit) + " calls a minute."}
	hd["Retry-After"] = []string{strconv.Itoa(int(wait/time.Second) + 1)}
	h.text(w, bodyThrottled)
	return nil
}

// requireComment answers "invalid" when a parameter that comment-check and
// the submit calls need is missing, and reports whether all are there.
func (h *Handler) requireComment(w http.ResponseWriter, p *params) bool {
	switch {
	case p.blog == "":
		h.invalid(w, `Empty "blog" value`)
	case p.userIP == "":
		h.invalid(w, `Empty "user_ip" value`)
	default:
		return true
	}
	return false
}
