package akismet

import "net/http"

// verifyKey answers "valid" for a key that exists and is not revoked. It
// is not rate-limited: clients call it once at setup, and it only reads
// memory.
func (h *Handler) verifyKey(w http.ResponseWriter, r *http.Request, p *params) {
	raw := p.key
	if raw == "" {
		raw = hostKey(r.Host)
	}
	if raw == "" {
		h.invalid(w, `Empty "key" value`)
		return
	}
	if key, ok := normalizeKey(raw); ok {
		if k := h.keys.lookup(r.Context(), key); k != nil && !k.conf.Load().revoked {
			h.text(w, "valid")
			return
		}
	}
	h.invalid(w, "Invalid API key")
}
