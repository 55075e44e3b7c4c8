package dataset

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// server serves body at /f and counts requests.
func server(t *testing.T, body []byte) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.URL.Path != "/f" {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// files lists every file under dir (temporary ones included).
func files(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestStoreDownloadVerifiesAndCaches(t *testing.T) {
	t.Parallel()
	body := []byte("to be or not to be\n")
	srv, n := server(t, body)
	f := File{Name: "sub/t.txt", URL: srv.URL + "/f", Size: int64(len(body)), SHA256: sha(body)}
	s := &Store{CacheDir: t.TempDir(), Client: srv.Client()}
	data, path, err := s.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, body) || path != filepath.Join(s.CacheDir, "sub", "t.txt") {
		t.Fatalf("got %q from %s", data, path)
	}
	if got := files(t, s.CacheDir); len(got) != 1 {
		t.Fatalf("cache holds %v, want only the file", got)
	}
	srv.Close() // the second load must come from the cache
	if data, _, err := s.Load(f); err != nil || !bytes.Equal(data, body) {
		t.Fatalf("cached load: %q, %v", data, err)
	}
	if n.Load() != 1 {
		t.Fatalf("%d requests, want 1", n.Load())
	}
}

func TestStoreChecksumMismatchCachesNothing(t *testing.T) {
	t.Parallel()
	srv, _ := server(t, []byte("tampered"))
	for _, f := range []File{
		{Name: "t.txt", URL: srv.URL + "/f", SHA256: sha([]byte("original"))},
		{Name: "t.txt", URL: srv.URL + "/f", MD5: "6fb458f1232090904fb40fe944165e91"},
		{Name: "t.txt", URL: srv.URL + "/f", SourceMD5: "6fb458f1232090904fb40fe944165e91"},
		{Name: "t.txt.gz", URL: srv.URL + "/f", SHA256: sha([]byte("x"))},
	} {
		s := &Store{CacheDir: t.TempDir(), Client: srv.Client()}
		_, _, err := s.Load(f)
		if !errors.Is(err, ErrChecksum) {
			t.Fatalf("%+v: err = %v, want ErrChecksum", f, err)
		}
		if !strings.Contains(err.Error(), "nothing was cached") {
			t.Errorf("error does not say nothing was cached: %v", err)
		}
		if got := files(t, s.CacheDir); len(got) != 0 {
			t.Fatalf("cache holds %v after a failed check", got)
		}
	}
}

func TestStoreOfflineClearError(t *testing.T) {
	t.Parallel()
	srv, _ := server(t, nil)
	url := srv.URL + "/f"
	srv.Close() // connection refused from now on
	f := File{Name: "tinyshakespeare.txt", URL: url, SHA256: sha([]byte("x"))}
	cache := t.TempDir()
	for _, s := range []*Store{
		{DataDir: t.TempDir(), CacheDir: cache},
		{CacheDir: cache, Offline: true},
		{CacheDir: cache, Client: srv.Client()},
	} {
		_, _, err := s.Load(f)
		if !errors.Is(err, ErrUnavailable) {
			t.Fatalf("err = %v, want ErrUnavailable", err)
		}
		msg := err.Error()
		for _, want := range []string{"set GENDL_DATA", "tinyshakespeare.txt", filepath.Join(cache, "tinyshakespeare.txt")} {
			if !strings.Contains(msg, want) {
				t.Errorf("error %q does not mention %q", msg, want)
			}
		}
	}
	// A 404 is unavailable too.
	srv2, _ := server(t, nil)
	_, _, err := (&Store{CacheDir: cache, Client: srv2.Client()}).Load(File{Name: "x", URL: srv2.URL + "/missing", SHA256: "00"})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "404") {
		t.Fatalf("404: err = %v", err)
	}
}

func TestStoreLookupOrder(t *testing.T) {
	t.Parallel()
	body := []byte("hello")
	srv, n := server(t, body)
	f := File{Name: "h.txt", URL: srv.URL + "/f", SHA256: sha(body)}
	data, sys, cache := t.TempDir(), t.TempDir(), t.TempDir()
	s := &Store{DataDir: data, CacheDir: cache, Client: srv.Client()}
	f.Dirs = []string{sys}
	os.WriteFile(filepath.Join(sys, "h.txt"), body, 0o644)
	if _, p, err := s.Load(f); err != nil || p != filepath.Join(sys, "h.txt") {
		t.Fatalf("system dir: %s, %v", p, err)
	}
	os.WriteFile(filepath.Join(data, "h.txt"), body, 0o644)
	if _, p, err := s.Load(f); err != nil || p != filepath.Join(data, "h.txt") {
		t.Fatalf("data dir: %s, %v", p, err)
	}
	// A corrupt file in the data dir is an error naming it, not a silent download.
	os.WriteFile(filepath.Join(data, "h.txt"), []byte("hellO"), 0o644)
	if _, _, err := s.Load(f); !errors.Is(err, ErrChecksum) || !strings.Contains(err.Error(), data) {
		t.Fatalf("corrupt data file: %v", err)
	}
	// A corrupt cache entry is replaced by a download.
	s.DataDir, f.Dirs = "", nil
	os.WriteFile(filepath.Join(cache, "h.txt"), []byte("junk"), 0o644)
	if got, _, err := s.Load(f); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("corrupt cache: %q, %v", got, err)
	}
	if b, _ := os.ReadFile(filepath.Join(cache, "h.txt")); !bytes.Equal(b, body) {
		t.Fatalf("cache not repaired: %q", b)
	}
	if n.Load() != 1 {
		t.Fatalf("%d requests, want 1", n.Load())
	}
}

func TestStoreGzipPayloadChecksum(t *testing.T) {
	t.Parallel()
	payload := bytes.Repeat([]byte{0, 1, 2, 3}, 100)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(payload)
	zw.Close()
	srv, _ := server(t, gz.Bytes())
	f := File{Name: "d/p.gz", URL: srv.URL + "/f", SHA256: sha(payload), Size: int64(len(payload))}
	s := &Store{CacheDir: t.TempDir(), Client: srv.Client()}
	got, path, err := s.Load(f)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("download: %v", err)
	}
	if raw, _ := os.ReadFile(path); !bytes.Equal(raw, gz.Bytes()) {
		t.Fatal("cache does not hold the downloaded bytes")
	}
	// A data dir may hold the payload uncompressed.
	data := t.TempDir()
	os.MkdirAll(filepath.Join(data, "d"), 0o755)
	os.WriteFile(filepath.Join(data, "d", "p"), payload, 0o644)
	s2 := &Store{DataDir: data, Offline: true}
	if got, _, err := s2.Load(f); err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("uncompressed in data dir: %v", err)
	}
}

func TestShakespeareAndNames(t *testing.T) {
	t.Parallel()
	s := &Store{DataDir: sharedData(t), Offline: true}
	text, err := s.Shakespeare()
	if err != nil {
		t.Fatal(err)
	}
	if len(text) != 1115394 || !strings.HasPrefix(text, "First Citizen:\nBefore we proceed") {
		t.Fatalf("Shakespeare: %d bytes, starts %q", len(text), text[:30])
	}
	names, err := s.Names()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 32033 || names[0] != "emma" || names[len(names)-1] != "zzyzx" {
		t.Fatalf("names: %d, first %q, last %q", len(names), names[0], names[len(names)-1])
	}
}

// TestDefaultStoreReadsEnv is not parallel: it sets GENDL_DATA.
func TestDefaultStoreReadsEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(DataEnv, dir)
	s := DefaultStore()
	if s.DataDir != dir || !strings.HasSuffix(s.CacheDir, filepath.Join("gendl", "data")) {
		t.Fatalf("DefaultStore() = %+v", s)
	}
	body := []byte("x")
	os.WriteFile(filepath.Join(dir, "x.txt"), body, 0o644)
	s.Offline = true
	if got, _, err := s.Load(File{Name: "x.txt", SHA256: sha(body)}); err != nil || string(got) != "x" {
		t.Fatalf("Load from GENDL_DATA: %q, %v", got, err)
	}
}
