package main

import (
	"strings"
	"testing"
)

func TestWithPathPutsBinFirstOnce(t *testing.T) {
	env := withPath([]string{"HOME=/h", "PATH=/usr/bin:/repo/bin:/bin"}, "/repo/bin")
	var path string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	if !strings.HasPrefix(path, "/repo/bin:/usr/bin:/bin") || strings.Count(path, "/repo/bin") != 1 {
		t.Errorf("PATH = %q", path)
	}
	if env[0] != "HOME=/h" {
		t.Errorf("env = %q", env)
	}
}
