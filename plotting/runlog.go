package plotting

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// RunLog appends one training run's metrics to <dir>/<name>.jsonl, one
// JSON object a line: the offline equivalent of a Weights & Biases run.
//
//	{"config":{"lr":0.001,"batch":32}}
//	{"step":0,"name":"train/loss","value":3.2958,"time":1764374400.125}
//
// Values that JSON cannot hold are written as the strings "NaN", "+Inf",
// "-Inf". Writes are buffered and flushed at most once a second and on
// Close, so Add costs no system call; a crash loses at most a second.
type RunLog struct {
	mu        sync.Mutex
	path      string
	f         *os.File
	w         *bufio.Writer
	names     map[string][]byte // JSON-quoted metric names
	lastFlush time.Time
	now       func() time.Time
	err       error
}

// OpenRun opens (creating dir and the file if needed, appending if it
// exists) the log of run name under dir.
func OpenRun(dir, name string) (*RunLog, error) {
	if name == "" || name != filepath.Base(name) {
		return nil, fmt.Errorf("plotting: open run %q: a run name is one path element", name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("plotting: open run %q: %w", name, err)
	}
	path := filepath.Join(dir, name+".jsonl")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("plotting: open run %q: %w", name, err)
	}
	return &RunLog{path: path, f: f, w: bufio.NewWriter(f), names: map[string][]byte{},
		now: time.Now, lastFlush: time.Now()}, nil
}

// Path is the file the run is written to.
func (r *RunLog) Path() string { return r.path }

// Config writes the run's hyperparameters as a {"config": ...} line.
func (r *RunLog) Config(cfg map[string]any) error {
	b, err := json.Marshal(map[string]any{"config": cfg})
	if err != nil {
		return fmt.Errorf("plotting: run %s: config: %w", r.path, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		_, r.err = r.w.Write(append(b, '\n'))
	}
	return r.err
}

// Add appends one metric value. A write error is kept and returned by
// Flush and Close (Add is called from inner loops, which should not
// check errors per step).
func (r *RunLog) Add(step int, name string, value float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil || r.w == nil {
		return
	}
	q, ok := r.names[name]
	if !ok {
		q, _ = json.Marshal(name) // a string always marshals
		r.names[name] = q
	}
	now := r.now()
	b := r.w.AvailableBuffer()
	b = append(b, `{"step":`...)
	b = strconv.AppendInt(b, int64(step), 10)
	b = append(b, `,"name":`...)
	b = append(b, q...)
	b = append(b, `,"value":`...)
	b = appendValue(b, value)
	b = append(b, `,"time":`...)
	b = strconv.AppendFloat(b, float64(now.UnixMilli())/1000, 'f', 3, 64)
	b = append(b, "}\n"...)
	if _, err := r.w.Write(b); err != nil {
		r.err = fmt.Errorf("plotting: run %s: %w", r.path, err)
		return
	}
	if now.Sub(r.lastFlush) >= time.Second {
		r.flushLocked(now)
	}
}

func appendValue(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, `"NaN"`...)
	case math.IsInf(v, 1):
		return append(b, `"+Inf"`...)
	case math.IsInf(v, -1):
		return append(b, `"-Inf"`...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func (r *RunLog) flushLocked(now time.Time) {
	r.lastFlush = now
	if err := r.w.Flush(); err != nil && r.err == nil {
		r.err = fmt.Errorf("plotting: run %s: %w", r.path, err)
	}
}

// Flush writes buffered lines to the file.
func (r *RunLog) Flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.w != nil {
		r.flushLocked(r.now())
	}
	return r.err
}

// Close flushes and closes the file; it returns the first error of the
// run's writes.
func (r *RunLog) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return r.err
	}
	r.flushLocked(r.now())
	if err := r.f.Close(); err != nil && r.err == nil {
		r.err = fmt.Errorf("plotting: run %s: %w", r.path, err)
	}
	r.f, r.w = nil, nil
	return r.err
}
