package akismet

import "sync"

// said is what the API last said of a comment, or was told of it.
type said uint8

const (
	saidHam said = iota + 1
	saidSpam
)

// The verdict cache remembers what comment-check answered for recent
// comments, by a hash of the comment, so submit-spam and submit-ham can
// count missed spam and false positives. It is sharded so that the hot
// path's insert rarely waits on another request's.
const (
	verdictShards   = 16
	verdictPerShard = 8192 // 131,072 comments in all, about 6 MB with the index
)

type verdictCache struct {
	shards [verdictShards]verdictShard
}

func newVerdictCache() *verdictCache {
	c := &verdictCache{}
	for i := range c.shards {
		c.shards[i].index = make(map[uint64]int32)
		c.shards[i].head, c.shards[i].tail = -1, -1
	}
	return c
}

func (c *verdictCache) shard(h uint64) *verdictShard { return &c.shards[h%verdictShards] }

// put records what was said of the comment hashed h.
func (c *verdictCache) put(h uint64, s said) { c.shard(h).put(h, s) }

// get returns what was said of the comment hashed h, if it is remembered.
func (c *verdictCache) get(h uint64) (said, bool) { return c.shard(h).get(h) }

// verdictShard is a least-recently-used list in a slice: entries link by
// index, so after warm-up an insert allocates nothing.
type verdictShard struct {
	mu         sync.Mutex
	index      map[uint64]int32
	entries    []verdictEntry
	head, tail int32 // most and least recently used; -1 when empty
}

type verdictEntry struct {
	hash       uint64
	said       said
	prev, next int32
}

func (s *verdictShard) put(h uint64, v said) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.index[h]; ok {
		s.entries[i].said = v
		s.toFront(i)
		return
	}
	var i int32
	if len(s.entries) < verdictPerShard {
		i = int32(len(s.entries))
		s.entries = append(s.entries, verdictEntry{prev: -1, next: -1})
	} else {
		i = s.tail // reuse the least recently used entry
		s.unlink(i)
		delete(s.index, s.entries[i].hash)
	}
	s.entries[i].hash, s.entries[i].said = h, v
	s.index[h] = i
	s.pushFront(i)
}

func (s *verdictShard) get(h uint64) (said, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index[h]
	if !ok {
		return 0, false
	}
	s.toFront(i)
	return s.entries[i].said, true
}

func (s *verdictShard) toFront(i int32) {
	if s.head == i {
		return
	}
	s.unlink(i)
	s.pushFront(i)
}

func (s *verdictShard) unlink(i int32) {
	e := &s.entries[i]
	if e.prev >= 0 {
		s.entries[e.prev].next = e.next
	} else {
		s.head = e.next
	}
	if e.next >= 0 {
		s.entries[e.next].prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = -1, -1
}

func (s *verdictShard) pushFront(i int32) {
	e := &s.entries[i]
	e.prev, e.next = -1, s.head
	if s.head >= 0 {
		s.entries[s.head].prev = i
	}
	s.head = i
	if s.tail < 0 {
		s.tail = i
	}
}
