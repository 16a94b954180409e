// Command rateload sends POST requests at a fixed rate over a fixed number
// of connections and prints the rate reached and the latency percentiles.
// Unlike wrk, which sends as fast as answers come back, it measures each
// request from when it was due, so a stalled server shows up in the tail
// instead of slowing the load down ("coordinated omission").
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	target := flag.String("url", "", "URL to POST to")
	bodyFile := flag.String("body", "", "file holding the request body")
	ctype := flag.String("type", "application/x-www-form-urlencoded", "Content-Type of the body")
	rate := flag.Int("rate", 10000, "requests per second to send")
	conns := flag.Int("c", 64, "connections")
	dur := flag.Duration("d", 10*time.Second, "how long to send")
	flag.Parse()
	body, err := os.ReadFile(*bodyFile)
	if *target == "" || err != nil {
		fmt.Fprintln(os.Stderr, "usage: rateload -url URL -body FILE [-rate 10000] [-c 64] [-d 10s]", err)
		os.Exit(2)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}}
	n := int(float64(*rate) * dur.Seconds())
	due := make(chan time.Time, *conns*4)
	var (
		failed atomic.Int64
		mu     sync.Mutex
		lat    = make([]time.Duration, 0, n)
		wg     sync.WaitGroup
	)
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, n / *conns + 1)
			for at := range due {
				req, _ := http.NewRequest(http.MethodPost, *target, bytes.NewReader(body))
				req.Header.Set("Content-Type", *ctype)
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
				mine = append(mine, time.Since(at))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	start := time.Now()
	interval := time.Second / time.Duration(*rate)
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		if d := time.Until(at); d > 0 {
			time.Sleep(d)
		}
		due <- at
	}
	close(due)
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(p*float64(len(lat)-1))].Round(10 * time.Microsecond)
	}
	fmt.Printf("offered %d requests/s for %s over %d connections\n", *rate, *dur, *conns)
	fmt.Printf("answered: %d (%.0f requests/s), failed: %d\n", len(lat), float64(len(lat))/elapsed.Seconds(), failed.Load())
	fmt.Printf("latency from when each request was due: p50 %s, p99 %s, max %s\n", pct(0.50), pct(0.99), pct(1))
}
