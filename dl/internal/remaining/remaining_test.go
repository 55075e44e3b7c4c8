package remaining

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBytes(t *testing.T) {
	t.Parallel()
	br := bytes.NewReader([]byte("abcdef"))
	br.Read(make([]byte, 2))
	if n := Bytes(br); n != 4 {
		t.Fatalf("bytes.Reader: %d, want 4", n)
	}
	path := filepath.Join(t.TempDir(), "f")
	os.WriteFile(path, []byte("0123456789"), 0o644)
	f, _ := os.Open(path)
	defer f.Close()
	f.Read(make([]byte, 3))
	if n := Bytes(f); n != 7 {
		t.Fatalf("file: %d, want 7", n)
	}
	if n := Bytes(strings.NewReader("x")); n != -1 { // unknown kinds say so
		t.Fatalf("strings.Reader: %d, want -1", n)
	}
	if NoEOF(io.EOF) != io.ErrUnexpectedEOF || NoEOF(nil) != nil {
		t.Fatal("NoEOF")
	}
}
