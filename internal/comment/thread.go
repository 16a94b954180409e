package comment

import (
	"slices"
)

// Node is a comment in a thread with its replies.
type Node struct {
	*Comment
	Depth    int // 1 for a top-level comment
	Children []*Node
	parent   *Node
}

// Thread arranges comments into threads as the settings say. Replies follow
// their parent oldest first; top-level threads are ordered by comment_order.
// Replies deeper than thread_comments_depth attach at the deepest level (as
// later siblings of the comment they answer), like WordPress. A reply whose
// parent is not in the list (held, or removed) stands at the top level.
// With threading off every comment is top-level.
func Thread(list []*Comment, s Settings) []*Node {
	sorted := slices.Clone(list)
	slices.SortStableFunc(sorted, func(a, b *Comment) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	maxDepth := s.ThreadDepth
	if !s.Threaded || maxDepth < 1 {
		maxDepth = 1
	}
	var roots []*Node
	placed := make(map[int64]*Node, len(sorted))
	for _, c := range sorted {
		n := &Node{Comment: c, Depth: 1}
		placed[c.ID] = n
		p := placed[c.ParentID]
		if c.ParentID == 0 || p == nil || p == n || maxDepth == 1 {
			roots = append(roots, n)
			continue
		}
		for p.Depth >= maxDepth {
			p = p.parent
		}
		n.parent, n.Depth = p, p.Depth+1
		p.Children = append(p.Children, n)
	}
	if s.NewestFirst {
		slices.Reverse(roots)
	}
	return roots
}

// Page returns the top-level threads on page n (from 1) with perPage
// threads a page, and the number of pages (at least 1). perPage 0 means one
// page; n out of range gives no threads.
func Page(roots []*Node, perPage, n int) ([]*Node, int) {
	if perPage <= 0 {
		if n == 1 {
			return roots, 1
		}
		return nil, 1
	}
	pages := max(1, (len(roots)+perPage-1)/perPage)
	if n < 1 || n > pages {
		return nil, pages
	}
	lo := (n - 1) * perPage
	return roots[lo:min(lo+perPage, len(roots))], pages
}

// Count returns how many comments the threads hold, replies included.
func Count(roots []*Node) int {
	n := 0
	for _, r := range roots {
		n += 1 + Count(r.Children)
	}
	return n
}
