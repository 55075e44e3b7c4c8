package blank

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSource(t *testing.T) {
	t.Parallel()
	code := "func f() int {\n\tx := 1\n\t// BEGIN SOLUTION: add one\n\tx++\n\t// END SOLUTION\n\treturn x\n}"
	got, err := Source(code, true)
	want := "func f() int {\n\tx := 1\n\t// TODO: add one\n\tpanic(check.TODO())\n\treturn x\n}"
	if err != nil || got != want {
		t.Errorf("code: got %q, %v; want %q", got, err, want)
	}
	got, _ = Source("  // BEGIN SOLUTION\n  x\n  // END SOLUTION", true)
	if want := "  // TODO: your code here\n  panic(check.TODO())"; got != want {
		t.Errorf("no hint: got %q, want %q", got, want)
	}
	got, err = Source("intro\n<!-- BEGIN SOLUTION -->\nsecret\n<!-- END SOLUTION -->\nend", false)
	if err != nil || got != "intro\nend" {
		t.Errorf("markdown: got %q, %v", got, err)
	}
	for _, bad := range []string{"// BEGIN SOLUTION\nx", "// END SOLUTION", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"} {
		if _, err := Source(bad, true); err == nil {
			t.Errorf("Source(%q) gave no error", bad)
		}
	}
}

func TestNotebook(t *testing.T) {
	t.Parallel()
	sol := `{"cells": [
	  {"cell_type": "markdown", "metadata": {}, "source": ["# HW\n", "<!-- BEGIN SOLUTION -->\n", "solutions\n", "<!-- END SOLUTION -->"]},
	  {"cell_type": "code", "metadata": {}, "execution_count": 3, "outputs": [{"output_type": "stream", "name": "stdout", "text": "PASS"}],
	   "source": "func f() {\n\t// BEGIN SOLUTION\n\tprintln()\n\t// END SOLUTION\n}"}],
	 "metadata": {"gendl": {"expect": "pass", "blank": {"expect": "fail", "fail_checks": ["hw_score"]}}},
	 "nbformat": 4, "nbformat_minor": 5}`
	out, err := Notebook([]byte(sol))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{`"expect": "fail"`, `"fail_checks": [`, `"outputs": []`, `"execution_count": null`, `panic(check.TODO())`} {
		if !strings.Contains(s, want) {
			t.Errorf("blank notebook lacks %s:\n%s", want, s)
		}
	}
	for _, leak := range []string{"solutions", "println", "PASS", `"blank"`} {
		if strings.Contains(s, leak) {
			t.Errorf("blank notebook still holds %q:\n%s", leak, s)
		}
	}
	if _, err := Notebook([]byte(`{"cells": [{"cell_type": "code", "source": "x"}], "metadata": {"gendl": {"blank": {}}}}`)); err == nil {
		t.Error("a notebook without solution regions gave no error")
	}
	if _, err := Notebook([]byte(`{"cells": [{"cell_type": "code", "source": "// BEGIN SOLUTION\n// END SOLUTION"}], "metadata": {}}`)); err == nil {
		t.Error("a notebook without a blank outcome in its metadata gave no error")
	}
}

// TestHomeworkInSync fails when a blank homework notebook is not what
// `go run ./check/cmd/blank` makes from its solutions (outputs aside):
// someone edited one without regenerating the other.
func TestHomeworkInSync(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "notebooks", "homework")
	sols, _ := filepath.Glob(filepath.Join(dir, "solutions", "*.ipynb"))
	if len(sols) == 0 {
		t.Skip("no homework notebooks in", dir)
	}
	for _, sol := range sols {
		data, err := os.ReadFile(sol)
		if err != nil {
			t.Fatal(err)
		}
		gen, err := Notebook(data)
		if err != nil {
			t.Fatalf("%s: %v", sol, err)
		}
		committed, err := os.ReadFile(filepath.Join(dir, filepath.Base(sol)))
		if err != nil {
			t.Fatalf("%s has no blank beside it: %v", sol, err)
		}
		same, err := Same(gen, committed)
		if err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("%s is out of date: run go run ./check/cmd/blank", filepath.Join(dir, filepath.Base(sol)))
		}
	}
}

func TestSame(t *testing.T) {
	t.Parallel()
	a := `{"cells": [{"cell_type": "code", "source": ["x\n", "y"], "outputs": [1]}], "metadata": {"gendl": {"expect": "fail", "clean": true}}}`
	b := `{"metadata": {"gendl": {"clean": true, "expect": "fail"}, "other": 1}, "cells": [{"cell_type": "code", "source": "x\ny"}]}`
	c := `{"cells": [{"cell_type": "code", "source": "x\ny"}], "metadata": {"gendl": {"expect": "pass"}}}`
	d := `{"cells": [{"cell_type": "markdown", "source": "x\ny"}], "metadata": {"gendl": {"clean": true, "expect": "fail"}}}`
	for _, tc := range []struct {
		x, y string
		want bool
	}{{a, b, true}, {a, c, false}, {a, d, false}} {
		got, err := Same([]byte(tc.x), []byte(tc.y))
		if err != nil || got != tc.want {
			t.Errorf("Same(%s, %s) = %v, %v; want %v", tc.x, tc.y, got, err, tc.want)
		}
	}
}
