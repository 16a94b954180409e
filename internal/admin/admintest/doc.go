// Package admintest is the test environment of the back office and its
// screens: a back office on a real store behind an HTTP test server, the
// accounts that sign in to it, and a cookie-keeping client that fills in
// CSRF tokens as a browser's forms would. Each screen's tests add what is
// their own (registering the screen, seeding its data) on top.
//
// It is test support: only _test.go files import it.
package admintest
