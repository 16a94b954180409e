package akismet

import "testing"

func TestVerdictCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newVerdictCache()
	// Hashes that land in one shard, more than it holds.
	hash := func(i int) uint64 { return uint64(i) * verdictShards }
	for i := range verdictPerShard {
		c.put(hash(i), saidHam)
	}
	c.put(hash(0), saidSpam) // touched: now the most recent
	c.put(hash(verdictPerShard), saidHam)
	if s, ok := c.get(hash(0)); !ok || s != saidSpam {
		t.Errorf("recently used entry: %v, %v; want saidSpam", s, ok)
	}
	if _, ok := c.get(hash(1)); ok {
		t.Error("the least recently used entry survived a full shard")
	}
	if s, ok := c.get(hash(verdictPerShard)); !ok || s != saidHam {
		t.Errorf("newest entry: %v, %v", s, ok)
	}
	if n := len(c.shards[0].index); n != verdictPerShard {
		t.Errorf("shard holds %d entries, want %d", n, verdictPerShard)
	}
	if _, ok := c.get(hash(verdictPerShard) + 1); ok {
		t.Error("an entry never put was found")
	}
}
