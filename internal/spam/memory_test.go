package spam

import (
	"reflect"
	"testing"
)

func TestMemoryPrune(t *testing.T) {
	m := make(memory)
	for k := range uint64(maxMemory) {
		m.learn(k+1, k%2 == 0)
	}
	m.learn(1, true) // key 1 now has the longest history
	m.learn(maxMemory+1, true)
	if len(m) > maxMemory {
		t.Fatalf("%d keys after pruning", len(m))
	}
	if m[1].spam != 2 {
		t.Error("pruning forgot the key with the most history")
	}
	if !reflect.DeepEqual(m[maxMemory+1], reputation{spam: 1}) {
		t.Error("pruning forgot the newest key")
	}
}
