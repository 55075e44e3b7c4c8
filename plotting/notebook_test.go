package plotting

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNotebookKeepsFinalFrame executes testdata/live_training.ipynb
// headless through the installed "Go (gendl)" kernel with the repository's
// notebook runner (nbclient, as JupyterLab runs it), saves it, and reads
// the saved file: the training cell must hold exactly one PNG, whose
// text/plain twin names the final loss the cell printed (so it is the
// final frame, not the first), and one progress bar at 400/400. It needs
// install.sh's venv and kernel, and is skipped without them.
func TestNotebookKeepsFinalFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a notebook through Jupyter")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	python := filepath.Join(root, ".gendl", "venv", "bin", "python")
	runner := filepath.Join(root, "kernel", "python", "run_notebooks.py")
	if _, err := os.Stat(python); err != nil {
		t.Skip("no .gendl/venv: run install.sh")
	}
	if out, err := exec.Command(filepath.Join(root, ".gendl", "venv", "bin", "jupyter"),
		"kernelspec", "list").CombinedOutput(); err != nil || !bytes.Contains(out, []byte("gendl")) {
		t.Skipf("the gendl kernel is not installed: %s", out)
	}
	nb := filepath.Join(t.TempDir(), "live_training.ipynb")
	src, err := os.ReadFile(filepath.Join("testdata", "live_training.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nb, src, 0o644); err != nil {
		t.Fatal(err)
	}
	run := exec.Command(python, runner, "--write", nb)
	run.Dir = root
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("runner: %v\n%s", err, out)
	}

	saved, err := os.ReadFile(nb)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cells []struct {
			Outputs []struct {
				OutputType string                     `json:"output_type"`
				Data       map[string]json.RawMessage `json:"data"`
				Text       any                        `json:"text"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(saved, &doc); err != nil {
		t.Fatal(err)
	}
	var pngs, bars []map[string]string
	var stdout strings.Builder
	for _, c := range doc.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "stream" {
				stdout.WriteString(joinText(o.Text))
				continue
			}
			data := map[string]string{}
			for k, raw := range o.Data {
				var s string
				var lines []string
				if json.Unmarshal(raw, &s) != nil && json.Unmarshal(raw, &lines) == nil {
					s = strings.Join(lines, "")
				}
				data[k] = s
			}
			switch {
			case data[MIMEPNG] != "":
				pngs = append(pngs, data)
			case strings.Contains(data[MIMEHTML], "<progress"):
				bars = append(bars, data)
			}
		}
	}
	if len(pngs) != 1 || len(bars) != 1 {
		t.Fatalf("saved %d PNGs and %d progress bars, want one of each", len(pngs), len(bars))
	}
	png, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(pngs[0][MIMEPNG], "\n", ""))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("saved image is not a PNG: %v", err)
	}
	m := regexp.MustCompile(`CHECK live_final_loss (\S+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no final loss printed:\n%s", stdout.String())
	}
	final := m[1] // printed %.5f; the title prints %.4g: compare as numbers
	var printed, titled float64
	if err := json.Unmarshal([]byte(final), &printed); err != nil {
		t.Fatal(err)
	}
	tm := regexp.MustCompile(`train ([0-9.e+-]+)\)`).FindStringSubmatch(pngs[0][MIMEPlain])
	if tm == nil {
		t.Fatalf("saved frame's text %q names no loss", pngs[0][MIMEPlain])
	}
	if err := json.Unmarshal([]byte(tm[1]), &titled); err != nil {
		t.Fatal(err)
	}
	if d := printed - titled; d > 1e-5 || d < -1e-5 {
		t.Errorf("saved frame shows loss %v, the run ended at %v: not the final frame", titled, printed)
	}
	if !strings.Contains(bars[0][MIMEHTML], `value="400" max="400"`) {
		t.Errorf("saved bar %q is not at 400/400", bars[0][MIMEPlain])
	}
}

func joinText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			if s, ok := s.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	}
	return ""
}
