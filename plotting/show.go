package plotting

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"
)

// ShowOption changes what Show does.
type ShowOption func(*showConfig)

type showConfig struct {
	svg       bool
	w, h      vg.Length
	dpi       int
	display   Display
	explicit  bool // display was chosen with To, even if nil
	displayID string
	path      string
}

// AsSVG shows the figure as SVG instead of PNG. PNG is the default: it
// shows in untrusted notebooks and survives saving and conversion.
func AsSVG() ShowOption { return func(c *showConfig) { c.svg = true } }

// WithSize renders at w by h instead of the figure's own or default size.
func WithSize(w, h vg.Length) ShowOption {
	return func(c *showConfig) { c.w, c.h = w, h }
}

// WithDPI renders PNGs at dpi dots per inch (default DefaultDPI).
func WithDPI(dpi int) ShowOption { return func(c *showConfig) { c.dpi = dpi } }

// To sends the figure to d instead of the notebook (nil: nowhere).
func To(d Display) ShowOption {
	return func(c *showConfig) { c.display, c.explicit = d, true }
}

// InPlace replaces the output area named id (see NewDisplayID) instead of
// adding a new one: the first Show with an id creates the area, later
// ones update it.
func InPlace(id string) ShowOption { return func(c *showConfig) { c.displayID = id } }

// SaveAs also writes the figure to path, as PNG or SVG by its extension.
// This is how a script outside a notebook keeps its figures.
func SaveAs(path string) ShowOption { return func(c *showConfig) { c.path = path } }

// Show displays f in the notebook this program runs in, as a PNG: the one
// call in this package that talks to the notebook. Outside a notebook it
// does nothing (and renders nothing) unless SaveAs or To asks for it.
// Errors come from encoding, writing the file, or the display.
func Show(f Figure, opts ...ShowOption) error {
	cfg := showConfig{dpi: DefaultDPI}
	for _, o := range opts {
		o(&cfg)
	}
	if !cfg.explicit {
		cfg.display = Notebook()
	}
	if cfg.path != "" {
		if err := Save(f, cfg.path, cfg.w, cfg.h); err != nil {
			return err
		}
	}
	if cfg.display == nil {
		return nil
	}
	out, err := render(f, cfg.svg, cfg.w, cfg.h, cfg.dpi)
	if err != nil {
		return err
	}
	out.DisplayID = cfg.displayID
	if err := cfg.display.Send(out); err != nil {
		return err
	}
	// GoNB publishes what comes through its pipe asynchronously: a cell
	// that exits right after Show loses its figure about one time in ten
	// unless we wait for the front end to have it.
	if s, ok := cfg.display.(Syncer); ok {
		s.Sync()
	}
	return nil
}

// render turns f into the output a notebook shows: PNG bytes, or SVG
// wrapped in a <div> as gonbui.DisplaySvg does (Jupyter's HTML export
// drops bare image/svg+xml), each with a text/plain fallback.
func render(f Figure, svg bool, w, h vg.Length, dpi int) (Output, error) {
	alt := describe(f)
	if svg {
		b, err := SVG(f, w, h)
		if err != nil {
			return Output{}, err
		}
		return Output{Data: map[string]any{
			MIMEHTML:  "<div>" + string(b) + "</div>",
			MIMEPlain: alt,
		}}, nil
	}
	b, err := PNGAt(f, w, h, dpi)
	if err != nil {
		return Output{}, err
	}
	return Output{Data: map[string]any{MIMEPNG: b, MIMEPlain: alt}}, nil
}

// Save writes f to path as PNG or SVG, chosen by the extension (.png,
// .svg), creating the directory if needed.
func Save(f Figure, path string, w, h vg.Length) error {
	var b []byte
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		b, err = PNG(f, w, h)
	case ".svg":
		b, err = SVG(f, w, h)
	default:
		return fmt.Errorf("plotting: save %s: unknown extension (want .png or .svg)", path)
	}
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("plotting: save %s: %w", path, err)
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plotting: save %s: %w", path, err)
	}
	return nil
}
