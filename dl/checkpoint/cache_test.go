package checkpoint

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl/nn"
)

type cfg struct {
	Hidden int
	LR     float64
}

// trainer returns a train function that counts its calls and sets m's
// parameters to values drawn from seed, standing in for real training.
func trainer(m nn.Module, seed uint64, calls *int) func() error {
	return func() error {
		*calls++
		r := rand.New(rand.NewPCG(seed, 0))
		for _, p := range m.Parameters() {
			for i := range p.Tensor.Float32s() {
				p.Tensor.Float32s()[i] = float32(r.NormFloat64())
			}
		}
		return nil
	}
}

func TestCachedTrainsOnceThenLoads(t *testing.T) {
	t.Parallel()
	c := &Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	calls := 0
	first := mlp(1, 3, 4, 2)
	loaded, err := c.Cached("mlp", cfg{4, 0.1}, first, trainer(first, 7, &calls))
	if err != nil || loaded || calls != 1 {
		t.Fatalf("first call: loaded %v, err %v, %d trainings; want a training", loaded, err, calls)
	}
	// The next cell: a fresh process builds an untrained model.
	second := mlp(2, 3, 4, 2)
	loaded, err = c.Cached("mlp", cfg{4, 0.1}, second, trainer(second, 8, &calls))
	if err != nil || !loaded || calls != 1 {
		t.Fatalf("second call: loaded %v, err %v, %d trainings; want a load", loaded, err, calls)
	}
	for name, p := range nn.StateDict(first) {
		if !sameBits(p, nn.StateDict(second)[name]) {
			t.Errorf("%s: the cached model differs from the trained one", name)
		}
	}
	// A different configuration, key or architecture trains again.
	for _, k := range []struct {
		key string
		cfg any
		m   nn.Module
	}{
		{"mlp", cfg{4, 0.2}, mlp(1, 3, 4, 2)},
		{"mlp2", cfg{4, 0.1}, mlp(1, 3, 4, 2)},
		{"mlp", cfg{4, 0.1}, mlp(1, 3, 5, 2)},
	} {
		before := calls
		if loaded, err := c.Cached(k.key, k.cfg, k.m, trainer(k.m, 9, &calls)); loaded || err != nil || calls != before+1 {
			t.Errorf("%s %v: loaded %v, err %v; want a new training", k.key, k.cfg, loaded, err)
		}
	}
	// Retrain forces training even with a cached file.
	force := &Cache{Dir: c.Dir, Retrain: true}
	before := calls
	if loaded, err := force.Cached("mlp", cfg{4, 0.1}, second, trainer(second, 8, &calls)); loaded || err != nil || calls != before+1 {
		t.Errorf("Retrain: loaded %v, err %v; want a training", loaded, err)
	}
}

func TestCachedRetrainsCorruptFileAndKeepsFailures(t *testing.T) {
	t.Parallel()
	c := &Cache{Dir: t.TempDir()}
	m := mlp(1, 3, 4, 2)
	path, err := c.Path("m", cfg{}, m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(path), "m-") || filepath.Dir(path) != c.Dir {
		t.Errorf("Path = %s, want %s/m-<hash>.safetensors", path, c.Dir)
	}
	os.WriteFile(path, []byte("not a checkpoint"), 0o644)
	calls := 0
	if loaded, err := c.Cached("m", cfg{}, m, trainer(m, 1, &calls)); loaded || err != nil || calls != 1 {
		t.Fatalf("corrupt cache: loaded %v, err %v, %d trainings", loaded, err, calls)
	}
	if _, err := LoadModule(path, mlp(3, 3, 4, 2), Strict); err != nil {
		t.Fatalf("the corrupt file was not replaced: %v", err)
	}
	boom := errors.New("interrupted")
	other := mlp(1, 3, 6, 2)
	if _, err := c.Cached("m", cfg{}, other, func() error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("failed training: err = %v", err)
	}
	if p, _ := c.Path("m", cfg{}, other); fileExists(p) {
		t.Fatal("a failed training was cached")
	}
	if _, err := c.Cached("m", func() {}, m, trainer(m, 1, &calls)); err == nil {
		t.Error("a config that is not JSON: want an error")
	}
}

// TestTrainingPathMakesTheCacheDir: a Training saving into a cache that
// does not exist yet must not fail.
func TestTrainingPathMakesTheCacheDir(t *testing.T) {
	t.Parallel()
	c := &Cache{Dir: filepath.Join(t.TempDir(), "new", "cache")}
	u := newRun("", 1)
	path, err := c.TrainingPath("run", cfg{}, u.model)
	if err != nil || !strings.HasSuffix(path, ".training.safetensors") {
		t.Fatalf("TrainingPath = %q, %v", path, err)
	}
	u.tr.Path = path
	if err := u.tr.Run(1, u.step); err != nil {
		t.Fatal(err)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestCacheDirFromEnv is not parallel: it sets environment variables.
func TestCacheDirFromEnv(t *testing.T) {
	t.Setenv(CacheEnv, "/some/dir")
	t.Setenv(RetrainEnv, "1")
	if c := DefaultCache(); c.Dir != "/some/dir" || !c.Retrain {
		t.Errorf("DefaultCache = %+v", c)
	}
	t.Setenv(CacheEnv, "")
	t.Setenv(RetrainEnv, "0")
	if c := DefaultCache(); !strings.HasSuffix(c.Dir, filepath.Join("gendl", "checkpoints")) || c.Retrain {
		t.Errorf("DefaultCache = %+v, want .../gendl/checkpoints", c)
	}
}
