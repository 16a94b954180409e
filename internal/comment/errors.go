package comment

import (
	"errors"
	"net/http"
	"strings"
)

// Error is a reason a comment was refused. Its message is written for the
// reader, and HTTPStatus says how the web layer should answer. Errors are
// constants, so errors.Is works and nothing global can be changed.
type Error int

// Refusals.
const (
	ErrFlood           Error = iota + 1 // 429
	ErrDuplicate                        // 409
	ErrClosed                           // 403
	ErrArticleNotFound                  // 404
	ErrBadParent                        // 400
	ErrUnavailable                      // 503: the comment writer is shut down
	ErrToken                            // 400: the form's page token is missing or forged
)

// Error returns the message shown to the reader, in WordPress's words where
// WordPress has them.
func (e Error) Error() string {
	switch e {
	case ErrFlood:
		return "You are posting comments too quickly. Slow down."
	case ErrDuplicate:
		return "Duplicate comment detected; it looks as though you've already said that!"
	case ErrClosed:
		return "Sorry, comments are closed for this item."
	case ErrArticleNotFound:
		return "The article you are commenting on does not exist."
	case ErrBadParent:
		return "The comment you are replying to is not available."
	case ErrUnavailable:
		return "Comments cannot be posted right now. Please try again shortly."
	case ErrToken:
		return "This form could not be verified (it may come from an old copy of the page). Please check your comment and send it again."
	}
	return "comment refused"
}

// HTTPStatus is the status code the web layer should answer with.
func (e Error) HTTPStatus() int {
	switch e {
	case ErrFlood:
		return http.StatusTooManyRequests
	case ErrDuplicate:
		return http.StatusConflict
	case ErrClosed:
		return http.StatusForbidden
	case ErrArticleNotFound:
		return http.StatusNotFound
	case ErrBadParent, ErrToken:
		return http.StatusBadRequest
	}
	return http.StatusServiceUnavailable
}

// FieldError is one problem with one form field. Field is the form field's
// name (comment, author, email, url).
type FieldError struct {
	Field   string
	Message string
}

// ValidationError lists everything wrong with the form, so the page can show
// it beside the reader's input in one go.
type ValidationError struct {
	Fields []FieldError
}

// Error joins the field messages.
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Message
	}
	return strings.Join(msgs, " ")
}

// HTTPStatus is 400: the reader can fix the form.
func (e *ValidationError) HTTPStatus() int { return http.StatusBadRequest }

// HTTPStatus returns the status code for any error Submit returns: the
// error's own when it has one, 500 otherwise.
func HTTPStatus(err error) int {
	var hs interface{ HTTPStatus() int }
	if errors.As(err, &hs) {
		return hs.HTTPStatus()
	}
	return http.StatusInternalServerError
}
