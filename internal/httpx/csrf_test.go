package httpx

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	a, b := NewToken(), NewToken()
	if len(a) != 43 || a == b {
		t.Errorf("tokens %q, %q: want two different 43-character tokens", a, b)
	}
	if !TokenMatch(a, a) || TokenMatch(b, a) || TokenMatch("", "") || TokenMatch(a[:10], a) {
		t.Error("TokenMatch gets equality wrong")
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"no browser headers", nil, true},
		{"fetch metadata same-origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"}, true},
		{"fetch metadata cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, false},
		{"cross-site from the trusted public origin", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://news.example.org"}, true},
		{"origin matches host", map[string]string{"Origin": "http://admin.local:8080"}, true},
		{"origin other host", map[string]string{"Origin": "http://evil.example"}, false},
		{"origin null", map[string]string{"Origin": "null"}, false},
		{"origin trusted", map[string]string{"Origin": "https://news.example.org"}, true},
		{"referer same host", map[string]string{"Referer": "http://admin.local:8080/admin/users"}, true},
		{"referer other host", map[string]string{"Referer": "https://evil.example/admin.local:8080"}, false},
		{"referer trusted", map[string]string{"Referer": "https://news.example.org/admin/"}, true},
		{"referer garbage", map[string]string{"Referer": "::"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "http://admin.local:8080/admin/users", nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			if got := SameOrigin(r, "https://news.example.org/"); got != tc.want {
				t.Errorf("SameOrigin = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormTokens(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ft := NewFormTokens([]byte("0123456789abcdef0123456789abcdef"), "mh_login", "/admin/", time.Hour)
	ft.SetClock(func() time.Time { return now })

	w := httptest.NewRecorder()
	token := ft.Issue(w, httptest.NewRequest("GET", "/admin/login", nil), true)
	cookies := w.Result().Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || !cookies[0].Secure || cookies[0].Path != "/admin/" {
		t.Fatalf("cookie = %+v; want one HttpOnly, Secure cookie on /admin/", cookies)
	}
	req := httptest.NewRequest("POST", "/admin/login", nil)
	req.AddCookie(cookies[0])
	if !ft.Valid(req, token) {
		t.Fatal("token from the same browser refused")
	}
	bare := httptest.NewRequest("POST", "/admin/login", nil)
	if ft.Valid(bare, token) {
		t.Error("token accepted without its cookie")
	}

	// Another browser's pair: its own cookie, this browser's token.
	w2 := httptest.NewRecorder()
	ft.Issue(w2, httptest.NewRequest("GET", "/admin/login", nil), false)
	other := httptest.NewRequest("POST", "/admin/login", nil)
	other.AddCookie(w2.Result().Cookies()[0])
	if ft.Valid(other, token) {
		t.Error("token accepted with another browser's cookie")
	}

	forged := []byte(token)
	forged[len(forged)-1] ^= 1
	if ft.Valid(req, string(forged)) || ft.Valid(req, "") || ft.Valid(req, "%%%") {
		t.Error("a damaged token was accepted")
	}
	otherKey := NewFormTokens([]byte("another key, just as long as the first"), "mh_login", "/admin/", time.Hour)
	otherKey.SetClock(func() time.Time { return now })
	if otherKey.Valid(req, token) {
		t.Error("token accepted under another key")
	}

	// A second form in the same browser keeps its nonce.
	w3 := httptest.NewRecorder()
	again := ft.Issue(w3, req, true)
	if c := w3.Result().Cookies(); len(c) != 1 || c[0].Value != cookies[0].Value || !ft.Valid(req, again) {
		t.Errorf("second issue changed the nonce or gave a bad token: %+v", c)
	}

	now = now.Add(time.Hour + time.Second)
	if ft.Valid(req, token) {
		t.Error("token accepted after it expired")
	}
}
