package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

func importCommand() *command {
	return &command{
		summary: "import the stories of a feed file or URL",
		usage:   "feed FILE|URL",
		help: `Imports every entry of an Atom, RSS or JSON feed as a published article and
prints each article's path on the site, one per line. The feed entry's id is
the key: importing the same feed again creates nothing new and prints the
same paths; an entry changed upstream is updated in place.

A feed that cannot be parsed, or that has an entry without id or title, is
rejected whole: nothing is imported and the exit status is 1.`,
		run: runImport,
	}
}

func runImport(ctx context.Context, c *call) error {
	if len(c.args) != 2 || c.args[0] != "feed" {
		return fmt.Errorf("%w: want 'import feed FILE|URL'", errUsage)
	}
	src := c.args[1]
	data, feedURL, err := readFeed(ctx, src)
	if err != nil {
		return err
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	paths, err := importFeed(ctx, st, data, feedURL)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	for _, p := range paths {
		fmt.Fprintln(c.stdout, p)
	}
	return nil
}

// importFeed parses a whole feed before storing anything, then stores all
// its entries in one transaction: a feed is imported whole or not at all.
func importFeed(ctx context.Context, st *store.Store, data []byte, feedURL string) ([]string, error) {
	feed, err := syndication.ParseFeed(data, feedURL)
	if err != nil {
		return nil, err
	}
	list := make([]*article.Article, len(feed.Entries))
	for i := range feed.Entries {
		list[i] = &feed.Entries[i].Article
	}
	if _, err := st.SaveImportedAll(ctx, list); err != nil {
		return nil, err
	}
	paths := make([]string, len(list))
	for i, a := range list {
		paths[i] = a.Path()
	}
	return paths, nil
}

// readFeed reads a feed from a file or an http(s) URL, within the size
// limit, and returns the URL to resolve its relative links against.
func readFeed(ctx context.Context, src string) ([]byte, string, error) {
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		f, err := os.Open(src)
		if err != nil {
			return nil, "", err
		}
		defer f.Close()
		data, err := syndication.ReadLimited(f)
		return data, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "masthead (+feed import)")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch %s: %s", src, resp.Status)
	}
	data, err := syndication.ReadLimited(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", src, err)
	}
	return bytes.Clone(data), resp.Request.URL.String(), nil
}
