package privacy

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/admin"
	"masthead/internal/store"
)

// Ways to erase an address's comments.
const (
	modeAnonymise = "anonymise"
	modeDelete    = "delete"
)

func mode(r *http.Request) string {
	if r.PostFormValue("mode") == modeDelete {
		return modeDelete
	}
	return modeAnonymise
}

// confirmView is the question asked before erasing.
type confirmView struct {
	Email    string
	Mode     string
	Comments int
	Account  bool
}

// erase asks first, showing what would change; only the answer to that
// question (confirm=yes) erases.
func (h *handler) erase(w http.ResponseWriter, r *http.Request) {
	email, ok := h.address(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	m := mode(r)
	if r.PostFormValue("confirm") != "yes" {
		n, err := h.deps.Store.CountCommentsByEmail(ctx, email)
		if err != nil {
			h.fail(w, r, "count comments", err)
			return
		}
		_, err = h.deps.Store.UserByEmail(ctx, email)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			h.fail(w, r, "look up account", err)
			return
		}
		h.adm.Render(w, r, h.confirm, "Erase personal data", confirmView{Email: email, Mode: m, Comments: n, Account: err == nil})
		return
	}
	var (
		n   int64
		err error
	)
	if m == modeDelete {
		n, err = h.deps.Store.DeleteCommentsByEmail(ctx, email)
	} else {
		n, err = h.deps.Store.AnonymiseComments(ctx, email)
	}
	if err != nil {
		h.fail(w, r, "erase", err)
		return
	}
	u, _ := admin.CurrentUser(r)
	h.log.Info("privacy: comments erased", "mode", m, "comments", n, "by", u.ID)
	http.Redirect(w, r, "/admin/privacy?done="+m+"&n="+strconv.FormatInt(n, 10), http.StatusSeeOther)
}
