// Command commentload posts comments to a running masthead the way readers
// do — fetch the article page, fill in its comment form, post it — over many
// connections at once, and prints acknowledged comments per second and the
// latency of each post (p50, p99).
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/html"
)

func main() {
	page := flag.String("url", "", "article page URL")
	conns := flag.Int("c", 64, "concurrent posters")
	dur := flag.Duration("d", 10*time.Second, "how long to post")
	flag.Parse()
	if *page == "" {
		fmt.Fprintln(os.Stderr, "usage: commentload -url ARTICLE_URL [-c 64] [-d 10s]")
		os.Exit(2)
	}
	transport := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	var (
		accepted, rejected atomic.Int64
		mu                 sync.Mutex
		lat                []time.Duration
		wg                 sync.WaitGroup
		stop               = time.Now().Add(*dur)
	)
	start := time.Now()
	for w := 0; w < *conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Each poster is one browser: its own cookies, a shared pool.
			jar, _ := cookiejar.New(nil)
			client := &http.Client{
				Transport: transport, Jar: jar,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			}
			var mine []time.Duration
			// Like a reader who stays on the page: the form is fetched once
			// and again only after a refusal; each 303 brings a fresh
			// form-seen cookie into the jar.
			var (
				action string
				form   url.Values
			)
			for i := 0; time.Now().Before(stop); i++ {
				if form == nil {
					var err error
					action, form, err = fetchForm(client, *page)
					if err != nil {
						if rejected.Add(1) == 1 {
							fmt.Fprintln(os.Stderr, "fetch form:", err)
						}
						time.Sleep(100 * time.Millisecond)
						continue
					}
				}
				form.Set("author", fmt.Sprintf("Reader %d", w))
				form.Set("email", fmt.Sprintf("reader%d-%d@example.org", w, i))
				form.Set("comment", fmt.Sprintf("Thanks for this piece; comment %d from reader %d. The part about the regional context was useful.", i, w))
				t0 := time.Now()
				resp, err := client.PostForm(action, form)
				d := time.Since(t0)
				if err != nil {
					rejected.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusSeeOther {
					accepted.Add(1)
					mine = append(mine, d)
				} else {
					rejected.Add(1)
					form = nil
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(p*float64(len(lat)-1))]
	}
	fmt.Printf("posters: %d, duration: %s\n", *conns, elapsed.Round(time.Millisecond))
	fmt.Printf("accepted: %d (%.0f comments/s), rejected: %d\n", accepted.Load(), float64(accepted.Load())/elapsed.Seconds(), rejected.Load())
	fmt.Printf("latency of a post: p50 %s, p99 %s\n", pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond))
}

// fetchForm reads the page's #commentform: its action and every named field.
func fetchForm(c *http.Client, page string) (string, url.Values, error) {
	resp, err := c.Get(page)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	doc, err := html.Parse(resp.Body)
	if err != nil {
		return "", nil, err
	}
	var action string
	vals := url.Values{}
	var walk func(n *html.Node, inForm bool)
	walk = func(n *html.Node, inForm bool) {
		if n.Type == html.ElementNode {
			if n.Data == "form" && attr(n, "id") == "commentform" {
				inForm = true
				action = attr(n, "action")
			}
			if inForm && (n.Data == "input" || n.Data == "textarea") && attr(n, "name") != "" {
				t := attr(n, "type")
				if t != "checkbox" && t != "submit" {
					vals.Set(attr(n, "name"), attr(n, "value"))
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inForm)
		}
	}
	walk(doc, false)
	if action == "" {
		return "", nil, fmt.Errorf("no #commentform on %s", page)
	}
	base, _ := url.Parse(page)
	act, err := base.Parse(action)
	if err != nil {
		return "", nil, err
	}
	if !strings.HasPrefix(act.Scheme, "http") {
		return "", nil, fmt.Errorf("form action %q", action)
	}
	return act.String(), vals, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
