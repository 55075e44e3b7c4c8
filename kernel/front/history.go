package front

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// History keeps the cells a kernel executed, like IPython's history
// database: every kernel start opens a new session numbered after the last
// one in the file, and each executed cell is one line of JSON appended to
// the file under an advisory lock, so kernels running side by side share it.
type History struct {
	path    string
	session int

	mu      sync.Mutex
	entries []HistoryEntry
}

// HistoryEntry is one executed cell. Line is its execution count; a line 0
// entry only records that a session started.
type HistoryEntry struct {
	Session int     `json:"session"`
	Line    int     `json:"line"`
	Source  string  `json:"source"`
	Output  *string `json:"output,omitempty"`
}

// historyKeep is how many entries survive when the file is compacted; the
// file is compacted when it holds twice as many.
const historyKeep = 10000

// DefaultHistoryFile is $GENDL_HISTORY_FILE, else
// $XDG_DATA_HOME/gendl/kernel-history.jsonl (~/.local/share by default).
func DefaultHistoryFile() string {
	if p := os.Getenv("GENDL_HISTORY_FILE"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "gendl", "kernel-history.jsonl")
}

// OpenHistory loads the history file at path (creating it) and starts a new
// session in it.
func OpenHistory(path string) (*History, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("front: history: %w", err)
	}
	h := &History{path: path}
	err := h.locked(func(f *os.File) error {
		entries, err := readHistory(f)
		if err != nil {
			return err
		}
		if len(entries) > 2*historyKeep {
			entries = entries[len(entries)-historyKeep:]
			if err := rewriteHistory(path, entries); err != nil {
				return err
			}
		}
		for _, e := range entries {
			h.session = max(h.session, e.Session)
		}
		h.session++
		h.entries = entries
		return appendHistory(f, HistoryEntry{Session: h.session})
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// memoryHistory is a History kept only in memory, for when the file cannot
// be opened (a read-only home, say).
func memoryHistory() *History { return &History{session: 1} }

// Session returns the number of this kernel's session.
func (h *History) Session() int { return h.session }

// Add records the cell executed as line (its execution count).
func (h *History) Add(line int, source string, output *string) error {
	e := HistoryEntry{Session: h.session, Line: line, Source: source, Output: output}
	h.mu.Lock()
	h.entries = append(h.entries, e)
	h.mu.Unlock()
	if h.path == "" {
		return nil
	}
	return h.locked(func(f *os.File) error { return appendHistory(f, e) })
}

// locked runs fn with the history file open for appending and locked.
func (h *History) locked(fn func(f *os.File) error) error {
	f, err := os.OpenFile(h.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("front: history: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("front: history lock: %w", err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return fn(f)
}

func readHistory(f *os.File) ([]HistoryEntry, error) {
	var out []HistoryEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		var e HistoryEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Session > 0 {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("front: reading history: %w", err)
	}
	return out, nil
}

func appendHistory(f *os.File, e HistoryEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("front: writing history: %w", err)
	}
	return nil
}

func rewriteHistory(path string, entries []HistoryEntry) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("front: compacting history: %w", err)
	}
	for _, e := range entries {
		if err := appendHistory(f, e); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// HistoryRequest is the content of a history_request.
type HistoryRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// Query answers a history request with [session, line, source] triples, or
// [session, line, [source, output]] when r.Output is set, oldest first.
// Sessions 0 and below count back from the current one, as in IPython.
func (h *History) Query(r HistoryRequest) ([][]any, error) {
	h.mu.Lock()
	all := make([]HistoryEntry, 0, len(h.entries))
	for _, e := range h.entries {
		if e.Line > 0 {
			all = append(all, e)
		}
	}
	h.mu.Unlock()

	var sel []HistoryEntry
	switch r.HistAccessType {
	case "tail":
		sel = tail(all, r.N)
	case "range":
		session := r.Session
		if session <= 0 {
			session += h.session
		}
		for _, e := range all {
			if e.Session == session && e.Line >= r.Start && (r.Stop == nil || e.Line < *r.Stop) {
				sel = append(sel, e)
			}
		}
	case "search":
		re, err := globRegexp(r.Pattern)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- { // newest first, for unique
			e := all[i]
			if !re.MatchString(e.Source) || (r.Unique && seen[e.Source]) {
				continue
			}
			seen[e.Source] = true
			sel = append(sel, e)
		}
		slices.Reverse(sel)
		sel = tail(sel, r.N)
	default:
		return nil, fmt.Errorf("front: unknown hist_access_type %q", r.HistAccessType)
	}
	out := make([][]any, len(sel))
	for i, e := range sel {
		if r.Output {
			var o any
			if e.Output != nil {
				o = *e.Output
			}
			out[i] = []any{e.Session, e.Line, []any{e.Source, o}}
		} else {
			out[i] = []any{e.Session, e.Line, e.Source}
		}
	}
	return out, nil
}

// tail returns the last *n entries (all when n is nil or not positive).
func tail(es []HistoryEntry, n *int) []HistoryEntry {
	if n != nil && *n > 0 && *n < len(es) {
		return es[len(es)-*n:]
	}
	return es
}

// globRegexp compiles an IPython/sqlite GLOB pattern (* ? [...]) that must
// match the whole source.
func globRegexp(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(glob[i:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := glob[i+1 : i+j]
			if strings.HasPrefix(class, "!") || strings.HasPrefix(class, "^") {
				class = "^" + regexp.QuoteMeta(class[1:])
			} else {
				class = regexp.QuoteMeta(class)
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\-`, "-") + "]")
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("front: history pattern %q: %w", glob, err)
	}
	return re, nil
}
