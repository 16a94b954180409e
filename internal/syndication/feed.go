// Package syndication brings other publishers' stories in. This part reads
// their feeds (Atom, RSS, JSON Feed) into articles that carry licence and
// attribution with them, and rejects a feed outright rather than import
// half of it.
package syndication

import (
	"bytes"
	"fmt"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"masthead/internal/article"
	"masthead/internal/sanitize"
)

// Feed is one parsed feed.
type Feed struct {
	Title   string          // as the feed gives it: "The Conversation – Articles (AU)"
	HomeURL string          // the publisher's site, from the feed's alternate link
	Licence article.Licence // declared for the whole feed; zero if none was recognised
	Rights  string          // the feed's own rights statement, as written
	Entries []Entry
}

// Entry is one story from a feed: the article built from it, plus what the
// importer needs to decide whether and how to import it.
type Entry struct {
	// Article has everything the feed says about the story. ID, Status and
	// CommentsOpen are left zero for the importer. Published is zero only
	// when the feed gives no date at all.
	Article article.Article
	// UpdatedRaw is the entry's last-changed time as the feed wrote it
	// (Atom updated, RSS dcterms:modified or pubDate, JSON date_modified),
	// for comparing with what was imported before.
	UpdatedRaw string
	// Licence is what the entry itself declares; zero when it declares
	// nothing recognisable. When the entry declares nothing at all,
	// Article.Licence is the feed's; when it declares something we do not
	// recognise, Article.Licence stays zero rather than borrow the feed's.
	Licence article.Licence
	// Rights is the entry's own rights statement as written ("Licensed as
	// Creative Commons – attribution, no derivatives.").
	Rights string
}

// ParseFeed parses a whole feed fetched from feedURL, which is also the base
// for relative links when the feed sets no xml:base. It either returns every
// entry or an error: a feed that is not a feed, is malformed, too large, or
// has an entry without an id or title is rejected whole, with an error that
// says which entry and why (see the Err* values and EntryError).
func ParseFeed(data []byte, feedURL string) (*Feed, error) {
	if len(data) > MaxFeedBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), MaxFeedBytes)
	}
	if enc := declaredEncoding(data); enc != "" {
		if e, _ := charset.Lookup(enc); e == nil {
			return nil, fmt.Errorf("%w: it declares the character encoding %q, which masthead cannot read", ErrMalformed, shorten(enc, 40))
		}
	}
	var (
		ch  *channel
		err error
	)
	switch gofeed.DetectFeedType(bytes.NewReader(data)) {
	case gofeed.FeedTypeAtom:
		ch, err = parseAtom(data)
	case gofeed.FeedTypeRSS:
		ch, err = parseRSS(data)
	case gofeed.FeedTypeJSON:
		ch, err = parseJSON(data)
	default:
		return nil, notFeed(data)
	}
	if err != nil {
		return nil, err
	}
	return build(ch, feedURL, sanitize.New())
}
