package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns the directory of the real dataset files used by tests:
// $GENDL_SHARED/data, or ../shared/data relative to the repository root (the
// CI layout). It skips the test when neither exists.
func sharedData(t testing.TB) string {
	t.Helper()
	if s := os.Getenv("GENDL_SHARED"); s != "" {
		return filepath.Join(s, "data")
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s (set GENDL_SHARED)", d)
	}
	return d
}
