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

func TestWithGoDebug(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"HOME=/h"}, "GODEBUG=madvdontneed=0"},
		{[]string{"GODEBUG=gctrace=1", "HOME=/h"}, "GODEBUG=gctrace=1,madvdontneed=0"},
		{[]string{"GODEBUG=madvdontneed=1"}, "GODEBUG=madvdontneed=1"}, // the user's choice stands
	} {
		env := withGoDebug(append([]string(nil), c.env...))
		if got := env[len(env)-1]; got != c.want {
			t.Errorf("withGoDebug(%q) ends with %q, want %q", c.env, got, c.want)
		}
		n := 0
		for _, kv := range env {
			if strings.HasPrefix(kv, "GODEBUG=") {
				n++
			}
		}
		if n != 1 || len(env) != len(c.env)+1-min(1, countPrefix(c.env, "GODEBUG=")) {
			t.Errorf("withGoDebug(%q) = %q: GODEBUG duplicated or other variables lost", c.env, env)
		}
	}
}

func countPrefix(env []string, prefix string) int {
	n := 0
	for _, kv := range env {
		if strings.HasPrefix(kv, prefix) {
			n++
		}
	}
	return n
}
