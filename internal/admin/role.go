package admin

import "fmt"

// Role is what a back-office user may do. Roles are ordered: each may do
// everything the ones below it may.
type Role int

const (
	// RolePublic marks routes anyone may reach: the sign-in page, assets.
	// No account has it.
	RolePublic Role = iota
	// RoleModerator moderates comments.
	RoleModerator
	// RoleEditor also runs sources, the inbox and articles.
	RoleEditor
	// RoleAdmin also manages users, API keys and settings.
	RoleAdmin
)

// Roles lists the roles an account can have, lowest first.
func Roles() []Role { return []Role{RoleModerator, RoleEditor, RoleAdmin} }

// ParseRole reads a role as stored and typed: "moderator", "editor" or
// "admin".
func ParseRole(s string) (Role, error) {
	for _, r := range Roles() {
		if r.String() == s {
			return r, nil
		}
	}
	return RolePublic, fmt.Errorf("unknown role %q: want moderator, editor or admin", s)
}

// String is the role's stored name.
func (r Role) String() string {
	switch r {
	case RoleModerator:
		return "moderator"
	case RoleEditor:
		return "editor"
	case RoleAdmin:
		return "admin"
	case RolePublic:
		return "public"
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Label is the role as shown on a page.
func (r Role) Label() string {
	switch r {
	case RoleModerator:
		return "Moderator"
	case RoleEditor:
		return "Editor"
	case RoleAdmin:
		return "Administrator"
	}
	return "Visitor"
}

// Allows reports whether this role may use what min requires.
func (r Role) Allows(min Role) bool { return r >= min }
