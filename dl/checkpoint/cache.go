package checkpoint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/safetensors"
)

// Environment variables that steer the train-once cache.
const (
	// CacheEnv names the directory cached checkpoints live in.
	CacheEnv = "GENDL_CACHE"
	// RetrainEnv, when set to anything but "" or "0", makes DefaultCache
	// ignore cached checkpoints: every Cached call trains and saves again.
	RetrainEnv = "GENDL_RETRAIN"
)

// CacheDir is where cached checkpoints go: $GENDL_CACHE if set, otherwise
// os.UserCacheDir()/gendl/checkpoints (~/.cache/gendl/checkpoints on Linux),
// or the system temporary directory when there is no user cache directory.
func CacheDir() string {
	if d := os.Getenv(CacheEnv); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "gendl", "checkpoints")
	}
	return filepath.Join(os.TempDir(), "gendl", "checkpoints")
}

// Cache is the train-once cache for notebooks, where every cell is a fresh
// program: Cached trains a model the first time and loads it afterwards.
type Cache struct {
	Dir     string // where checkpoints are stored
	Retrain bool   // train and overwrite even when a checkpoint exists
}

// DefaultCache is the cache in CacheDir, with Retrain set from
// $GENDL_RETRAIN.
func DefaultCache() *Cache {
	r := os.Getenv(RetrainEnv)
	return &Cache{Dir: CacheDir(), Retrain: r != "" && r != "0"}
}

// Cached is DefaultCache().Cached.
func Cached(key string, cfg any, m nn.Module, train func() error) (loaded bool, err error) {
	return DefaultCache().Cached(key, cfg, m, train)
}

// Cached fills m's parameters: from the cache when a checkpoint exists for
// the same key, configuration and model architecture (loaded is true), or
// else by calling train, which must train m in place, and then saving m in
// the cache (loaded is false). cfg is any JSON-encodable value (usually the
// hyperparameter struct); changing any field, the key, or a parameter's
// name, shape or dtype selects a different file, so stale weights are never
// loaded. A cached file that cannot be loaded (corrupt, or written by other
// code) is retrained and replaced. An error from train is returned and
// nothing is cached, so an interrupted training run (see Training.Run) is
// not mistaken for a finished one.
func (c *Cache) Cached(key string, cfg any, m nn.Module, train func() error) (loaded bool, err error) {
	path, meta, err := c.path(key, cfg, m)
	if err != nil {
		return false, err
	}
	if !c.Retrain {
		if _, err := LoadModule(path, m, Strict); err == nil {
			return true, nil
		}
	}
	if err := train(); err != nil {
		return false, err
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return false, fmt.Errorf("checkpoint: cache: %w", err)
	}
	if err := safetensors.Save(path, nn.StateDict(m), meta); err != nil {
		return false, fmt.Errorf("checkpoint: cache: %w", err)
	}
	return false, nil
}

// Path is the file Cached uses for key, cfg and m's architecture.
func (c *Cache) Path(key string, cfg any, m nn.Module) (string, error) {
	path, _, err := c.path(key, cfg, m)
	return path, err
}

// TrainingPath is a file next to Path for a Training checkpoint of the same
// run, so that an interrupted Cached training resumes when the cell runs
// again. It creates the cache directory, so the Training can save there.
func (c *Cache) TrainingPath(key string, cfg any, m nn.Module) (string, error) {
	path, err := c.Path(key, cfg, m)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return "", fmt.Errorf("checkpoint: cache: %w", err)
	}
	return strings.TrimSuffix(path, ".safetensors") + ".training.safetensors", nil
}

// path names the checkpoint <key>-<hash>.safetensors, the hash covering
// the key, cfg's JSON and every parameter's name, dtype and shape.
func (c *Cache) path(key string, cfg any, m nn.Module) (string, map[string]string, error) {
	if key == "" {
		return "", nil, fmt.Errorf("checkpoint: cache key is empty")
	}
	js, err := json.Marshal(cfg)
	if err != nil {
		return "", nil, fmt.Errorf("checkpoint: cache config for %q is not JSON-encodable: %w", key, err)
	}
	sd := nn.StateDict(m)
	var arch strings.Builder
	for _, name := range slices.Sorted(maps.Keys(sd)) {
		fmt.Fprintf(&arch, "%s %v %v\n", name, sd[name].DType(), sd[name].Shape())
	}
	h := sha256.New()
	fmt.Fprintf(h, "%q\n%s\n%s", key, js, arch.String())
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	name := fmt.Sprintf("%s-%s.safetensors", safeName(key), sum)
	meta := map[string]string{"format": "pt", "gendl.key": key, "gendl.config": string(js)}
	return filepath.Join(c.Dir, name), meta, nil
}

// safeName keeps letters, digits, '-', '_' and '.' of a key for a file name.
func safeName(key string) string {
	b := []byte(key)
	for i, ch := range b {
		ok := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.'
		if !ok {
			b[i] = '_'
		}
	}
	return string(b)
}
