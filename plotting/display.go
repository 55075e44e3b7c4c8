package plotting

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// MIME types of the outputs this package sends.
const (
	MIMEPNG   = "image/png"
	MIMESVG   = "image/svg+xml"
	MIMEHTML  = "text/html"
	MIMEPlain = "text/plain"
)

// Output is one message for a notebook's output area. Data maps a MIME
// type to its content: []byte for MIMEPNG, string for the others.
// DisplayID, when set, names an output area that later outputs with the
// same ID replace in place (Jupyter's display_data, then
// update_display_data); empty means a new, fixed output.
type Output struct {
	DisplayID string
	Data      map[string]any
}

// Display is where outputs go: the GoNB notebook (Notebook), files on disk
// (Files), or a Recorder in tests. Send returns the error of a display
// that can fail (Files); the notebook's pipe errors are reported once by
// gonbui and returned here.
type Display interface {
	Send(o Output) error
}

// Syncer is implemented by displays that buffer: Sync returns once every
// output sent so far has reached the front end. The tracker and the
// progress bar call it when they finish, so the final frame is in the
// notebook before the cell's program exits.
type Syncer interface {
	Sync()
}

// Notebook returns the GoNB display when this program runs as a GoNB cell
// (gonbui.IsNotebook, set from the GONB_PIPE environment variable), and
// nil otherwise. Every function here treats a nil Display as "show
// nothing".
func Notebook() Display {
	if !gonbui.IsNotebook {
		return nil
	}
	return notebook{}
}

// notebook sends outputs through gonbui's pipe to the GoNB kernel, which
// publishes display_data for an output without an ID or with an ID it has
// not seen, and update_display_data for an ID it has.
type notebook struct{}

func (notebook) Send(o Output) error {
	data := make(map[protocol.MIMEType]any, len(o.Data))
	for k, v := range o.Data {
		data[protocol.MIMEType(k)] = v
	}
	gonbui.SendData(&protocol.DisplayData{Data: data, DisplayID: o.DisplayID})
	return gonbui.Error()
}

func (notebook) Sync() { gonbui.Sync() }

// NewDisplayID returns a fresh ID for an updatable output area.
func NewDisplayID(prefix string) string {
	return prefix + "_" + gonbui.UniqueId()
}

// Message is one Jupyter message as a Recorder saw it: Type is
// "display_data" or "update_display_data".
type Message struct {
	Type      string
	DisplayID string
	Data      map[string]any
}

// Recorder is a Display that keeps every output as the Jupyter message the
// GoNB kernel would publish for it: display_data the first time a display
// ID (or no ID) is seen, update_display_data after. Tests use it to check
// what a notebook would receive. It is safe for concurrent use.
type Recorder struct {
	mu       sync.Mutex
	messages []Message
	seen     map[string]bool
	synced   int
}

// Send records o.
func (r *Recorder) Send(o Output) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	typ := "display_data"
	if o.DisplayID != "" {
		if r.seen[o.DisplayID] {
			typ = "update_display_data"
		}
		r.seen[o.DisplayID] = true
	}
	data := make(map[string]any, len(o.Data))
	for k, v := range o.Data {
		data[k] = v
	}
	r.messages = append(r.messages, Message{Type: typ, DisplayID: o.DisplayID, Data: data})
	return nil
}

// Sync counts calls, so tests can check that a finished tracker synced.
func (r *Recorder) Sync() {
	r.mu.Lock()
	r.synced++
	r.mu.Unlock()
}

// Messages returns a copy of the messages recorded so far.
func (r *Recorder) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.messages...)
}

// Synced returns how many times Sync was called.
func (r *Recorder) Synced() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.synced
}

// Types returns the recorded message types with the MIME types they
// carry, e.g. "display_data image/png", in order: a compact sequence to
// compare in tests and examples.
func (r *Recorder) Types() []string {
	var out []string
	for _, m := range r.Messages() {
		out = append(out, m.Type+" "+strings.Join(mimeKeys(m.Data), ","))
	}
	return out
}

// Files returns a Display that writes outputs to dir, for terminals and
// scripts: an output with a display ID is written to <id>.<ext> and
// rewritten by each update (so the file always holds the latest frame);
// one without is written to figure-<n>.<ext>. PNG is preferred, then SVG,
// then HTML, then plain text.
func Files(dir string) Display {
	return &files{dir: dir}
}

type files struct {
	mu  sync.Mutex
	dir string
	n   int
}

func (f *files) Send(o Output) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	name := o.DisplayID
	if name == "" {
		f.n++
		name = fmt.Sprintf("figure-%03d", f.n)
	}
	var ext string
	var content []byte
	switch {
	case o.Data[MIMEPNG] != nil:
		ext, content = ".png", asBytes(o.Data[MIMEPNG])
	case o.Data[MIMESVG] != nil:
		ext, content = ".svg", asBytes(o.Data[MIMESVG])
	case o.Data[MIMEHTML] != nil:
		ext, content = ".html", asBytes(o.Data[MIMEHTML])
	default:
		ext, content = ".txt", asBytes(o.Data[MIMEPlain])
	}
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return fmt.Errorf("plotting: display to files: %w", err)
	}
	path := filepath.Join(f.dir, name+ext)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		return fmt.Errorf("plotting: display to files: %w", err)
	}
	return nil
}

func asBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return []byte(fmt.Sprint(v))
}

func mimeKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
