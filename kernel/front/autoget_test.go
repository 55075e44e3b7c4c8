package front

import (
	"strings"
	"testing"
)

// TestNoAutoGetByDefault runs, in a fresh kernel and without %noautoget, a
// cell importing gonbui, which GoNB's automatic go get fails on, and checks
// that the front's own %noautoget is invisible: the first cell is In [1].
func TestNoAutoGetByDefault(t *testing.T) {
	// As the gendl kernel runs GoNB: cells use this checkout's module.
	k := startKernel(t, "GENDL_FRONT_TEST_GONB_ARGS=-go_work="+repoRoot())
	code := "import \"github.com/janpfeifer/gonb/gonbui\"\n\n%%\ngonbui.DisplayHTML(\"<b>gendl</b>\")\nfmt.Println(\"shown\")"
	c, out := k.execute(code, buildWait)
	if c["status"] != "ok" || out != "shown\n" {
		t.Fatalf("gonbui cell: reply %v, stdout %q", c, out)
	}
	if n, _ := c["execution_count"].(float64); n != 1 {
		t.Fatalf("first cell's execution_count = %v, want 1", c["execution_count"])
	}
	h := k.request(k.shell, "history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "tail", "n": 10}, buildWait)
	hist, _ := h["history"].([]any)
	for _, e := range hist {
		if strings.Contains(e.([]any)[2].(string), "%noautoget") {
			t.Fatalf("the front's %%noautoget is in the history: %v", hist)
		}
	}
	if c, _ := k.execute("%%\nfmt.Println(2)", buildWait); c["execution_count"] != float64(2) {
		t.Fatalf("second cell's execution_count = %v, want 2", c["execution_count"])
	}
}
