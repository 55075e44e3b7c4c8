package lm

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gendl/gendl/dl/dataset"
)

// ngramShakespeare returns Tiny Shakespeare as character IDs, from
// $GENDL_SHARED/data or ../shared/data above the module root; it skips the
// test when neither exists.
func ngramShakespeare(t testing.TB) (ids []int, vocab *dataset.CharVocab) {
	t.Helper()
	dir := os.Getenv("GENDL_SHARED")
	if dir == "" {
		wd, _ := os.Getwd()
		for dir = wd; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			if filepath.Dir(dir) == dir {
				t.Skip("no module root")
			}
		}
		dir = filepath.Join(dir, "..", "shared")
	}
	text, err := (&dataset.Store{DataDir: filepath.Join(dir, "data"), Offline: true}).Shakespeare()
	if err != nil {
		t.Skip(err)
	}
	vocab = dataset.NewCharVocab(text)
	ids, err = vocab.Encode(text)
	if err != nil {
		t.Fatal(err)
	}
	return ids, vocab
}

// TestNGramShakespeare checks the shape of the perplexity-versus-order
// curve on the held-out 10%: with Witten-Bell, each order up to 5 beats the
// one before; add-one smoothing falls apart at high orders.
func TestNGramShakespeare(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("counts a million characters five times")
	}
	ids, vocab := ngramShakespeare(t)
	train, val := dataset.Split(ids, 0.9)
	prev := math.Inf(1)
	for n := 1; n <= 5; n++ {
		m := NewNGram(n, vocab.Size())
		m.Count(train)
		nll := m.NLL(val)
		m.Smoothing = AddK{1}
		add1 := m.NLL(val)
		t.Logf("n=%d  Witten-Bell %.3f nats/char (perplexity %.2f)  add-1 %.3f", n, nll, math.Exp(nll), add1)
		if nll >= prev {
			t.Errorf("order %d: %.3f nats, not better than order %d's %.3f", n, nll, n-1, prev)
		}
		prev = nll
		if n == 1 && math.Abs(nll-3.3) > 0.1 {
			t.Errorf("unigram: %.3f nats/char, want about 3.3", nll)
		}
		if n == 5 && add1 < nll+0.3 {
			t.Errorf("add-1 at order 5 (%.3f) should be far worse than Witten-Bell (%.3f)", add1, nll)
		}
	}
}
