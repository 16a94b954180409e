package apikeys

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"masthead/internal/store"
)

// defaultRateLimit is a new key's calls a minute, as 'masthead apikey add'
// gives: far above a comment form's pace, low enough to blunt a runaway.
const defaultRateLimit = 1000

const (
	maxRateLimit = 1_000_000
	maxSite      = 500
)

// view is the API keys page.
type view struct {
	Keys    []row
	Form    form
	Errors  map[string]string
	Created *created // the key just made: shown this once
	Revoked string   // site of the key just revoked
	revoked string   // its handle, from the redirect
}

// row is a key as the list shows it: never the key itself.
type row struct {
	ID        string
	Hint      string // the key's first characters, to tell keys apart
	Site      string
	RateLimit int
	Revoked   bool
	Created   time.Time
	Counts    store.APIKeyCounts
}

type created struct {
	Key, Site string
}

type form struct {
	Site, RateLimit string
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, view{Form: form{RateLimit: strconv.Itoa(defaultRateLimit)},
		revoked: r.URL.Query().Get("revoked")})
}

func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, v view) {
	keys, err := h.st.APIKeys(r.Context())
	if err != nil {
		h.serverError(w, r, "list API keys", err)
		return
	}
	for _, k := range keys {
		id := handle(k.Key)
		v.Keys = append(v.Keys, row{ID: id, Hint: hint(k.Key), Site: k.Site, RateLimit: k.RateLimit,
			Revoked: k.Revoked, Created: k.Created, Counts: k.Counts})
		if id == v.revoked {
			v.Revoked = k.Site
		}
	}
	h.adm.RenderStatus(w, r, status, h.page, "API keys", v)
}

// create makes a key and shows it in the answer itself, not after a
// redirect: a key must never travel in a URL, where logs and history
// would keep it.
func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	f := form{Site: strings.TrimSpace(r.PostFormValue("site")), RateLimit: strings.TrimSpace(r.PostFormValue("rate_limit"))}
	errs := map[string]string{}
	if u, err := url.Parse(f.Site); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		len(f.Site) > maxSite || strings.IndexFunc(f.Site, unicode.IsSpace) >= 0 {
		errs["site"] = "Enter the site's address, such as https://blog.example.org."
	}
	limit, err := strconv.Atoi(f.RateLimit)
	if err != nil || limit < 0 || limit > maxRateLimit {
		errs["rate_limit"] = "Enter the calls a minute the key may make: 0 for no limit, up to 1000000."
	}
	if len(errs) > 0 {
		h.render(w, r, http.StatusUnprocessableEntity, view{Form: f, Errors: errs})
		return
	}
	k := &store.APIKey{Key: h.newKey(), Site: f.Site, RateLimit: limit}
	if err := h.st.CreateAPIKey(r.Context(), k); err != nil {
		h.serverError(w, r, "create API key", err)
		return
	}
	h.log.Info("admin: API key made", "key", handle(k.Key), "site", k.Site, "by", adminID(r))
	h.render(w, r, http.StatusCreated, view{Created: &created{Key: k.Key, Site: k.Site},
		Form: form{RateLimit: strconv.Itoa(defaultRateLimit)}})
}

// revoke stops a key from working; running servers notice within seconds.
func (h *handler) revoke(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	keys, err := h.st.APIKeys(r.Context())
	if err != nil {
		h.serverError(w, r, "list API keys", err)
		return
	}
	var key *store.APIKey
	for i := range keys {
		if handle(keys[i].Key) == id {
			key = &keys[i]
		}
	}
	if key != nil {
		err := h.st.SetAPIKeyRevoked(r.Context(), key.Key, true)
		if err == nil {
			h.log.Info("admin: API key revoked", "key", id, "site", key.Site, "by", adminID(r))
			http.Redirect(w, r, "/admin/api-keys?revoked="+id, http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrNotFound) {
			h.serverError(w, r, "revoke API key", err)
			return
		}
	}
	h.adm.Error(w, r, http.StatusNotFound, "There is no such API key.")
}

// hint is enough of a key to tell it from others on the list, and far
// too little to use.
func hint(key string) string {
	if len(key) <= 8 {
		return "…"
	}
	return key[:4] + "…"
}
