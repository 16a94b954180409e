// Package demo carries the sample content that `masthead serve --demo`
// imports into an empty database, so a new site shows a real story.
package demo

import _ "embed"

//go:embed conversation-sample.atom
var feed []byte

// FeedURL is where the sample feed came from, for resolving its links.
const FeedURL = "https://theconversation.com/au/articles.atom"

// Feed returns the sample feed: one The Conversation story, CC BY-ND.
func Feed() []byte { return feed }
