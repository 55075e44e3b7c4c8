package plotting

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestShowSendsPNGByDefaultAndSVGOnRequest(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	p := Line(Axes{Title: "t"}, Series{Y: []float64{1, 2, 3}})
	if err := Show(p, To(rec)); err != nil {
		t.Fatal(err)
	}
	if err := Show(p, To(rec), AsSVG()); err != nil {
		t.Fatal(err)
	}
	want := []string{"display_data image/png,text/plain", "display_data text/html,text/plain"}
	if got := rec.Types(); !slices.Equal(got, want) {
		t.Fatalf("messages %q, want %q", got, want)
	}
	html := rec.Messages()[1].Data[MIMEHTML].(string)
	if !strings.HasPrefix(html, "<div><?xml") || !strings.Contains(html, "<svg") {
		t.Errorf("SVG output starts %q", html[:min(40, len(html))])
	}
}

func TestShowInPlaceUpdates(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	id := NewDisplayID("test")
	for i := 0; i < 3; i++ {
		if err := Show(Line(Axes{}, Series{Y: []float64{0, float64(i)}}), To(rec), InPlace(id)); err != nil {
			t.Fatal(err)
		}
	}
	var types []string
	for _, m := range rec.Messages() {
		if m.DisplayID != id {
			t.Errorf("display ID %q, want %q", m.DisplayID, id)
		}
		types = append(types, m.Type)
	}
	if want := []string{"display_data", "update_display_data", "update_display_data"}; !slices.Equal(types, want) {
		t.Errorf("types %q, want %q", types, want)
	}
}

func TestShowOutsideNotebookOnlySaves(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "fig.svg")
	if err := Show(Line(Axes{}, Series{Y: []float64{1, 2}}), To(nil), SaveAs(path)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "<svg") {
		t.Fatalf("saved %d bytes, err %v", len(b), err)
	}
	if err := Save(Line(Axes{}), filepath.Join(dir, "fig.gif"), 0, 0); err == nil {
		t.Error("Save accepted .gif")
	}
}

func TestFilesDisplayKeepsLatestFrame(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := Files(dir)
	for _, s := range []string{"first", "second"} {
		if err := d.Send(Output{DisplayID: "bar", Data: map[string]any{MIMEHTML: s}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Send(Output{Data: map[string]any{MIMEPNG: []byte("png")}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "bar.html")); string(b) != "second" {
		t.Errorf("bar.html = %q, want the latest frame", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "figure-001.png")); string(b) != "png" {
		t.Errorf("figure-001.png = %q", b)
	}
}

func TestPNGAndSVGSizes(t *testing.T) {
	t.Parallel()
	b, err := PNG(Line(Axes{}), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The IHDR chunk holds width and height big-endian at bytes 16..23.
	w := int(b[16])<<24 | int(b[17])<<16 | int(b[18])<<8 | int(b[19])
	h := int(b[20])<<24 | int(b[21])<<16 | int(b[22])<<8 | int(b[23])
	if w != 672 || h != 432 {
		t.Errorf("default PNG is %dx%d, want 672x432", w, h)
	}
}
