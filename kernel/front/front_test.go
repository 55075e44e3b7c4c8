package front

import (
	"testing"
	"time"
)

func TestFrontExecutes(t *testing.T) {
	k := startKernel(t)
	c, out := k.execute("%%\nfmt.Println(\"hello, world\")", 120*time.Second)
	if c["status"] != "ok" || out != "hello, world\n" {
		t.Fatalf("execute: reply %v, stdout %q", c, out)
	}
}
