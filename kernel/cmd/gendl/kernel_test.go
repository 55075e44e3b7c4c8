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

func TestWithGoFlags(t *testing.T) {
	cases := []struct {
		env        []string
		configured string
		want       string
	}{
		{[]string{"A=1"}, "", "GOFLAGS=-ldflags=-w"},
		{[]string{"A=1"}, "-buildvcs=false", "GOFLAGS=-buildvcs=false -ldflags=-w"},
		{[]string{"GOFLAGS=-mod=mod", "A=1"}, "-buildvcs=false", "GOFLAGS=-mod=mod -ldflags=-w"},
		{[]string{"GOFLAGS=-ldflags=-X=a=b"}, "", "GOFLAGS=-ldflags=-X=a=b"},
	}
	for _, c := range cases {
		env := withGoFlags(c.env, func() string { return c.configured })
		if got := env[len(env)-1]; got != c.want {
			t.Errorf("withGoFlags(%q, %q) ends with %q, want %q", c.env, c.configured, got, c.want)
		}
		if len(env) != 1+countOther(c.env) {
			t.Errorf("withGoFlags(%q) = %q: other variables lost or duplicated", c.env, env)
		}
	}
}

func countOther(env []string) int {
	n := 0
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GOFLAGS=") {
			n++
		}
	}
	return n
}
