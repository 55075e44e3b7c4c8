package train

import (
	"errors"
	"fmt"

	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/nn"
)

// Cached is the one call of a notebook's training cell: it trains tr.Model
// with l once and loads it afterwards. On a cache hit for key, cfg and the
// model's architecture (see checkpoint.Cache.Cached) nothing trains:
// loaded is true, the model holds the cached weights, and the history is
// read from the training checkpoint beside them and replayed into l.Log
// (l.Live gets nothing), so the cell draws the same curves and reports the same times. On a miss
// it resumes tr from that training checkpoint if an earlier run was
// interrupted, runs l, and caches the model. An interrupt returns the
// history so far with an error wrapping checkpoint.ErrInterrupted; running
// the cell again continues.
//
// tr names the model and, for an exact resume, the optimizer (the one in
// l.Optim) and the random source; Cached sets tr.Path. A nil c is
// checkpoint.DefaultCache().
func Cached(c *checkpoint.Cache, key string, cfg any, tr *checkpoint.Training, l *Loop) (h *History, loaded bool, err error) {
	if c == nil {
		c = checkpoint.DefaultCache()
	}
	if tr.Path, err = c.TrainingPath(key, cfg, tr.Model); err != nil {
		return nil, false, err
	}
	loaded, err = c.Cached(key, cfg, tr.Model, func() error {
		if _, err := tr.Resume(); err != nil {
			return err
		}
		return l.Run(tr)
	})
	if err != nil || !loaded {
		return HistoryOf(tr), loaded, err
	}
	if h, err = ReadHistory(tr.Path); err != nil {
		return &History{}, true, err
	}
	if l.Log != nil {
		h.Replay(l.Log)
	}
	return h, true, nil
}

// ErrNotCached is returned (wrapped) by Load when the cache lacks the model.
var ErrNotCached = errors.New("train: not in the cache")

// Load fills m from the cache entry a Cached call for key and cfg wrote,
// for the cells after the training cell. It trains nothing: a miss is an
// error wrapping ErrNotCached, asking for the training cell to run. A nil c
// is checkpoint.DefaultCache().
func Load(c *checkpoint.Cache, key string, cfg any, m nn.Module) error {
	if c == nil {
		c = checkpoint.DefaultCache()
	}
	c = &checkpoint.Cache{Dir: c.Dir} // never Retrain: there is nothing to train with
	_, err := c.Cached(key, cfg, m, func() error {
		return fmt.Errorf("%w: run the training cell for %q first", ErrNotCached, key)
	})
	return err
}
