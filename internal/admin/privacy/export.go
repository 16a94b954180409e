package privacy

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"masthead/internal/admin"
	"masthead/internal/article"
	"masthead/internal/store"
)

// document is the export: everything stored about one address, in words a
// person can read without our schema.
type document struct {
	Email      string    `json:"email"`
	Site       string    `json:"site"`
	ExportedAt time.Time `json:"exported_at"`
	Comments   []comment `json:"comments"`
	Account    *account  `json:"account"`
	Sessions   []session `json:"sessions"`
}

type comment struct {
	ID              int64     `json:"id"`
	Article         link      `json:"article"`
	ParentID        int64     `json:"in_reply_to,omitempty"`
	Author          string    `json:"name"`
	Email           string    `json:"email"`
	URL             string    `json:"website"`
	Content         string    `json:"text"`
	IP              string    `json:"ip_address"`
	UserAgent       string    `json:"user_agent"`
	Referrer        string    `json:"referrer"`
	Status          string    `json:"status"`
	SpamReasons     []string  `json:"moderation_reasons"`
	Created         time.Time `json:"posted_at"`
	StatusChanged   time.Time `json:"status_changed_at"`
	StatusChangedBy string    `json:"status_changed_by"`
	History         []change  `json:"history"`
}

type link struct {
	ID       int64  `json:"id"`
	Headline string `json:"headline"`
	URL      string `json:"url,omitempty"`
}

type change struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

type account struct {
	ID       int64     `json:"id"`
	Email    string    `json:"email"`
	Name     string    `json:"name"`
	Role     string    `json:"role"`
	Disabled bool      `json:"disabled"`
	Created  time.Time `json:"created_at"`
}

type session struct {
	IP        string    `json:"ip_address"`
	UserAgent string    `json:"user_agent"`
	Created   time.Time `json:"signed_in_at"`
	LastSeen  time.Time `json:"last_seen_at"`
	Expires   time.Time `json:"expires_at"`
}

// export sends everything stored about the address as a JSON download.
func (h *handler) export(w http.ResponseWriter, r *http.Request) {
	email, ok := h.address(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	pd, err := h.deps.Store.PersonalData(ctx, email)
	if err != nil {
		h.fail(w, r, "collect personal data", err)
		return
	}
	ids := make([]int64, len(pd.Comments))
	for i, c := range pd.Comments {
		ids[i] = c.ArticleID
	}
	arts, err := h.deps.Store.CommentArticles(ctx, ids)
	if err != nil {
		h.fail(w, r, "load articles", err)
		return
	}
	doc := h.document(pd, arts)
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		h.fail(w, r, "encode export", err)
		return
	}
	u, _ := admin.CurrentUser(r)
	h.log.Info("privacy: data exported", "comments", len(doc.Comments), "account", doc.Account != nil, "by", u.ID)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(pd.Email, doc.ExportedAt)+`"`)
	w.Write(append(body, '\n'))
}

func (h *handler) document(pd *store.PersonalData, arts map[int64]*article.Article) document {
	doc := document{Email: pd.Email, Site: h.deps.SiteName, ExportedAt: h.deps.Now().UTC().Truncate(time.Second),
		Comments: []comment{}, Sessions: []session{}}
	for _, c := range pd.Comments {
		out := comment{
			ID: c.ID, Article: link{ID: c.ArticleID}, ParentID: c.ParentID,
			Author: c.Author, Email: c.Email, URL: c.URL, Content: c.Content,
			IP: c.IP, UserAgent: c.UserAgent, Referrer: c.Referrer, Status: string(c.Status),
			SpamReasons: append([]string{}, c.SpamReasons...),
			Created:     c.Created, StatusChanged: c.StatusChanged, StatusChangedBy: c.StatusChangedBy,
			History: []change{},
		}
		if a := arts[c.ArticleID]; a != nil {
			out.Article.Headline = a.Headline
			if a.Status == article.StatusPublished {
				out.Article.URL = h.deps.SiteURL + a.Path()
			}
		}
		for _, ch := range c.History {
			out.History = append(out.History, change{From: string(ch.From), To: string(ch.To), By: ch.By, At: ch.At})
		}
		doc.Comments = append(doc.Comments, out)
	}
	if u := pd.User; u != nil {
		doc.Account = &account{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled, Created: u.Created}
	}
	for _, s := range pd.Sessions {
		doc.Sessions = append(doc.Sessions, session{IP: s.IP, UserAgent: s.UserAgent, Created: s.Created, LastSeen: s.LastSeen, Expires: s.Expires})
	}
	return doc
}

// fileName names the download after the address, kept to characters that
// are safe in a header and on every file system.
func fileName(email string, at time.Time) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		case r == '@':
			return '-'
		}
		return '_'
	}, strings.ToLower(email))
	if len(safe) > 80 {
		safe = safe[:80]
	}
	return "personal-data-" + safe + "-" + at.Format("2006-01-02") + ".json"
}
