package comment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"masthead/internal/article"
)

// Store is what Service needs from the database; internal/store implements
// it (its CommentWriter adds group commit to InsertComment).
type Store interface {
	// CommentArticle returns the article a comment is posted on, or an
	// error matching ErrArticleNotFound.
	CommentArticle(ctx context.Context, id int64) (*article.Article, error)
	// HasApprovedComment reports whether an approved comment with exactly
	// this name and email exists.
	HasApprovedComment(ctx context.Context, author, email string) (bool, error)
	// InsertComment stores c, setting c.ID, in one transaction with the
	// checks that must not race: the parent is an approved comment on the
	// same article (else ErrBadParent), no comment from c's IP or email in
	// the flood window before c.Created (else ErrFlood; 0 = no check), and
	// no same text on the same article and parent by the same name or email
	// (else ErrDuplicate). It returns only once the comment is durable.
	InsertComment(ctx context.Context, c *Comment, flood time.Duration) error
	// ArticleComments returns the article's approved comments and, of the
	// ids in held, those on that article in any other status, oldest first.
	ArticleComments(ctx context.Context, articleID int64, held []int64) ([]*Comment, error)
	// Comment returns one comment in any status.
	Comment(ctx context.Context, id int64) (*Comment, error)
	Settings(ctx context.Context) (map[string]string, error)
	SetSetting(ctx context.Context, key, value string) error
	EraseOldIPs(ctx context.Context, before time.Time) (int64, error)
	PurgeDiscarded(ctx context.Context, before time.Time) (int64, error)
}

// Config is what a Service is built from. Only Store is required.
type Config struct {
	Store Store
	// Tokens checks the form's page token and form-seen cookie; nil skips
	// the check (TokenUnknown).
	Tokens *Tokens
	// Filter is the spam filter; nil applies only the built-in honeypot
	// and token rules.
	Filter Filter
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// SettingsTTL is how long settings are cached; 0 means 500ms, so a
	// change made by any process takes effect within a second everywhere.
	SettingsTTL time.Duration
}

// Service applies the comment rules and stores the result. Safe for
// concurrent use.
type Service struct {
	store    Store
	tokens   *Tokens
	filter   Filter
	now      func() time.Time
	settings settingsCache
}

// NewService builds a Service.
func NewService(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SettingsTTL <= 0 {
		cfg.SettingsTTL = 500 * time.Millisecond
	}
	return &Service{
		store:    cfg.Store,
		tokens:   cfg.Tokens,
		filter:   cfg.Filter,
		now:      cfg.Now,
		settings: settingsCache{ttl: cfg.SettingsTTL},
	}
}

// Tokens returns the Tokens the service checks forms with (nil when none),
// so that the pages issuing forms sign with the same keys and share one
// replay memory.
func (s *Service) Tokens() *Tokens { return s.tokens }

// minFormAge is how soon after the form was served a person could have
// written a comment; quicker ones are held when no filter judges them.
const minFormAge = 2 * time.Second

// Submit checks a reader's comment and stores it with the status the rules
// give it. Errors are *ValidationError (400) or an Error (ErrFlood 429,
// ErrDuplicate 409, ErrClosed 403, ErrArticleNotFound 404, ErrBadParent
// 400, and ErrToken 400 when Tokens are configured and the page token or
// form-seen cookie is missing or forged); anything else is a server fault.
// The returned comment's Status says whether it shows (approved) or is
// held; spam, trash and discard should be presented to the reader like a
// held comment so spammers learn nothing.
func (s *Service) Submit(ctx context.Context, in Input) (*Comment, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if errs := Validate(in, set); len(errs) > 0 {
		return nil, &ValidationError{Fields: errs}
	}
	a, err := s.store.CommentArticle(ctx, in.ArticleID)
	if err != nil {
		return nil, err
	}
	return s.submitTo(ctx, a, in, set)
}

// SubmitTo is Submit for a caller that has just read the article the
// comment is posted on (in.ArticleID is a's), so it is not read twice.
func (s *Service) SubmitTo(ctx context.Context, a *article.Article, in Input) (*Comment, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if errs := Validate(in, set); len(errs) > 0 {
		return nil, &ValidationError{Fields: errs}
	}
	in.ArticleID = a.ID
	return s.submitTo(ctx, a, in, set)
}

func (s *Service) submitTo(ctx context.Context, a *article.Article, in Input, set Settings) (*Comment, error) {
	in = Normalize(in)
	if a.Status != article.StatusPublished {
		return nil, ErrArticleNotFound
	}
	now := s.now()
	if a.CommentsClosed || (set.CloseOld && now.After(a.Published.AddDate(0, 0, set.CloseDays))) {
		return nil, ErrClosed
	}
	meta := Meta{
		Permalink:  a.Path(),
		ArticleAge: now.Sub(a.Published),
		Honeypot:   in.Honeypot,
		Disallowed: set.DisallowedKeys,
	}
	if s.tokens != nil {
		chk := s.tokens.Check(in.Token, in.Seen, in.ArticleID, in.IP+"\x00"+strings.ToLower(in.Email))
		// A form that is not ours is refused outright rather than stored as
		// spam: the reader gets the form back with a good token, and a bot
		// learns only what any copy of the page tells it.
		if chk.State == TokenMissing || chk.State == TokenForged {
			return nil, ErrToken
		}
		meta.Token, meta.FormAge = chk.State, chk.Age
	}
	c := &Comment{
		ArticleID: in.ArticleID, ParentID: in.ParentID,
		Author: in.Author, Email: in.Email, URL: in.URL, Content: in.Content,
		IP: in.IP, UserAgent: in.UserAgent, Referrer: in.Referrer,
		Created: now, StatusChanged: now, StatusChangedBy: SystemActor,
	}
	var err error
	if c.Status, c.SpamReasons, err = s.decide(ctx, c, set, meta); err != nil {
		return nil, err
	}
	if err := s.store.InsertComment(ctx, c, time.Duration(set.FloodSeconds)*time.Second); err != nil {
		return nil, err
	}
	return c, nil
}

// decide gives a new comment its status, in WordPress's order: disallowed
// keys trash it; then the spam filter may call it spam; then the moderation
// rules may hold it; otherwise it is approved.
func (s *Service) decide(ctx context.Context, c *Comment, set Settings, m Meta) (Status, []string, error) {
	if why, ok := disallowed(c, set); ok {
		return StatusTrash, []string{why}, nil
	}
	var hold []string
	if s.filter != nil {
		v := s.filter.Check(ctx, c, m)
		switch v.Class {
		case ClassSpam:
			return StatusSpam, v.Reasons, nil
		case ClassDiscard:
			return StatusDiscard, v.Reasons, nil
		}
	} else {
		var spam []string
		if spam, hold = botChecks(m); len(spam) > 0 {
			return StatusSpam, spam, nil
		}
	}
	hold = append(hold, holdReasons(c, set)...)
	if len(hold) == 0 && set.PreviouslyApproved {
		known := false
		if c.Author != "" && c.Email != "" {
			var err error
			if known, err = s.store.HasApprovedComment(ctx, c.Author, c.Email); err != nil {
				return "", nil, err
			}
		}
		if !known {
			hold = append(hold, "no previously approved comment from this name and email (comment_previously_approved)")
		}
	}
	if len(hold) > 0 {
		return StatusPending, hold, nil
	}
	return StatusApproved, nil, nil
}

// botChecks are the rules applied when no spam filter is configured: a
// filled honeypot or a replayed form-seen cookie is spam (a missing or
// forged token never gets here: Submit refuses it); an expired token, a
// form sent too fast, or one whose timing is unknown (no form-seen cookie)
// is held for a person to look at.
func botChecks(m Meta) (spam, hold []string) {
	if m.Honeypot != "" {
		spam = append(spam, "hidden honeypot field filled in")
	}
	switch m.Token {
	case TokenReplayed:
		spam = append(spam, "form-seen cookie replayed")
	case TokenExpired:
		hold = append(hold, "form token expired")
	case TokenOK:
		if m.FormAge == 0 {
			hold = append(hold, "form timing unknown (no form-seen cookie)")
		} else if m.FormAge < minFormAge {
			hold = append(hold, fmt.Sprintf("form sent %s after it was served", m.FormAge.Round(time.Millisecond)))
		}
	}
	return spam, hold
}
