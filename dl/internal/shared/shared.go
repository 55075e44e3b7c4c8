// Package shared locates the read-only data directory that tests and CI
// use instead of downloads: $GENDL_SHARED/data, or ../shared/data beside
// the repository root (the layout CI checks out).
package shared

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// DataDir returns the shared data directory, or an error saying where it
// was looked for.
func DataDir() (string, error) {
	if s := os.Getenv("GENDL_SHARED"); s != "" {
		return filepath.Join(s, "data"), nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("shared: no go.mod above the working directory")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(d); err != nil {
		return "", errors.New("shared: data not found at " + d + " (set GENDL_SHARED)")
	}
	return d, nil
}

// ReadFile returns the named file from the shared data directory, skipping
// the test when the directory is absent.
func ReadFile(t testing.TB, name string) []byte {
	t.Helper()
	dir, err := DataDir()
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
