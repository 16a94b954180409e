package syndication

import (
	"time"

	"masthead/internal/article"
)

// channel is a feed as read from any of the three formats, before the rules
// that make articles of its items (build). Keeping the formats apart up to
// here and the rules together after it means each rule is written once.
type channel struct {
	title       string
	home        string // alternate link
	self        string // the feed's own address, if it states it
	rights      string
	licenceURLs []string // explicit licence declarations (links, or names), more precise than rights
	authors     []article.Author
	items       []item
}

// item is one entry, in the format-neutral shape.
type item struct {
	id, title, link    string
	summary            string // text or HTML
	content            string // HTML
	published, updated time.Time
	updatedRaw         string
	authors            []article.Author
	tags               []string
	rights             string
	licenceURLs        []string
	image              article.Image // a separately given lead image; URL may be empty
}
