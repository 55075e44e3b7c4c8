package dataset

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gendl/gendl/dl/internal/atomicfile"
)

// DataEnv names the environment variable that points at a directory of
// dataset files. It is looked at first, before the user cache.
const DataEnv = "GENDL_DATA"

// ErrUnavailable is wrapped by the error a Store returns when a file is in
// none of its directories and cannot be downloaded (offline, refused, HTTP
// error). The message says where the file may be placed.
var ErrUnavailable = errors.New("dataset file not available")

// ErrChecksum is wrapped by the error a Store returns when a file's content
// does not match its pinned checksums. A download that fails the check is
// never cached.
var ErrChecksum = errors.New("checksum mismatch")

// File describes one dataset file: its name in a data directory, where it is
// published and the checksums its content must have.
//
// Checksums are of the decoded content: for a name ending in .gz, of the
// bytes after gunzip. Distributions repack gzip files (Debian's
// dataset-fashion-mnist does, so its .gz bytes differ from upstream's) but the
// payload is the same; pinning the payload accepts every faithful copy, and
// lets a data directory hold the file compressed or not.
type File struct {
	Name      string   // relative path in a data or cache directory, e.g. "fashion-mnist/t10k-labels-idx1-ubyte.gz"
	URL       string   // public source
	Size      int64    // decoded size in bytes; 0 if not pinned
	SHA256    string   // of the decoded content, lower-case hex; "" if not pinned
	MD5       string   // of the decoded content; "" if not pinned
	SourceMD5 string   // of the bytes served at URL; checked on download only
	Dirs      []string // system directories that may hold the file under its base name (e.g. Debian's)
}

// Store finds dataset files. Load looks in DataDir, then in f.Dirs, then in
// CacheDir, and finally downloads f.URL into CacheDir. Every file is checked
// against f's checksums before it is returned.
//
// The zero Store looks nowhere and downloads nowhere; DefaultStore reads the
// environment.
type Store struct {
	DataDir  string       // first place to look; DefaultStore sets it from $GENDL_DATA
	CacheDir string       // downloads are written here; "" disables caching and downloading
	Client   *http.Client // nil means a client with a 10 minute timeout
	Offline  bool         // never download
}

// DefaultStore returns a Store with DataDir from $GENDL_DATA and CacheDir in
// the user cache directory (os.UserCacheDir()/gendl/data, e.g.
// ~/.cache/gendl/data on Linux).
func DefaultStore() *Store {
	s := &Store{DataDir: os.Getenv(DataEnv)}
	if d, err := os.UserCacheDir(); err == nil {
		s.CacheDir = filepath.Join(d, "gendl", "data")
	}
	return s
}

// Load returns the decoded, verified content of f (gunzipped if its name
// ends in .gz) and the path it was read from.
func (s *Store) Load(f File) (data []byte, path string, err error) {
	if f.Name == "" {
		return nil, "", errors.New("dataset: File has no name")
	}
	var tried []string
	for _, p := range s.candidates(f) {
		data, err := readDecoded(p)
		if errors.Is(err, fs.ErrNotExist) {
			tried = append(tried, p)
			continue
		}
		if err != nil {
			return nil, p, fmt.Errorf("dataset: %s: %w", p, err)
		}
		if err := f.verify(data); err != nil {
			if s.CacheDir != "" && strings.HasPrefix(p, s.CacheDir+string(filepath.Separator)) {
				// A corrupt cache entry is replaced by a fresh download.
				tried = append(tried, p+" (corrupt)")
				break
			}
			return nil, p, fmt.Errorf("dataset: %s: %w; delete or replace the file", p, err)
		}
		return data, p, nil
	}
	if s.CacheDir == "" || s.Offline || f.URL == "" {
		return nil, "", s.unavailable(f, tried, nil)
	}
	data, path, err = s.download(f)
	if errors.Is(err, ErrChecksum) {
		return nil, "", err
	}
	if err != nil {
		return nil, "", s.unavailable(f, tried, err)
	}
	return data, path, nil
}

// candidates lists the paths to try, in order. In a data directory a .gz
// file may also be stored uncompressed.
func (s *Store) candidates(f File) []string {
	var ps []string
	if s.DataDir != "" {
		p := filepath.Join(s.DataDir, filepath.FromSlash(f.Name))
		ps = append(ps, p)
		if strings.HasSuffix(p, ".gz") {
			ps = append(ps, strings.TrimSuffix(p, ".gz"))
		}
	}
	base := filepath.Base(filepath.FromSlash(f.Name))
	for _, d := range f.Dirs {
		ps = append(ps, filepath.Join(d, base))
	}
	if s.CacheDir != "" {
		ps = append(ps, filepath.Join(s.CacheDir, filepath.FromSlash(f.Name)))
	}
	return ps
}

func (s *Store) unavailable(f File, tried []string, cause error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset: %s: %v", f.Name, ErrUnavailable)
	if len(tried) > 0 {
		fmt.Fprintf(&b, " (looked at %s)", strings.Join(tried, ", "))
	}
	switch {
	case cause != nil:
		fmt.Fprintf(&b, "; download from %s failed: %v", f.URL, cause)
	case s.Offline:
		b.WriteString("; downloading is off (Store.Offline)")
	case s.CacheDir == "":
		b.WriteString("; no cache directory to download into")
	}
	fmt.Fprintf(&b, ". To fix: set %s to a directory holding %s", DataEnv, f.Name)
	if s.CacheDir != "" {
		fmt.Fprintf(&b, ", or place the file at %s", filepath.Join(s.CacheDir, filepath.FromSlash(f.Name)))
	}
	if f.URL != "" {
		fmt.Fprintf(&b, " (it is published at %s)", f.URL)
	}
	return &unavailableError{msg: b.String(), cause: cause}
}

// unavailableError is ErrUnavailable with the full story in its message;
// it unwraps to the download error, if any.
type unavailableError struct {
	msg   string
	cause error
}

func (e *unavailableError) Error() string        { return e.msg }
func (e *unavailableError) Is(target error) bool { return target == ErrUnavailable }
func (e *unavailableError) Unwrap() error        { return e.cause }

// maxDownload bounds what a download may read when the size is unknown.
const maxDownload = 1 << 30

// download fetches f.URL, verifies it and only then writes it atomically
// into the cache.
func (s *Store) download(f File) ([]byte, string, error) {
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Minute}
	}
	resp, err := c.Get(f.URL)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload))
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %w", f.URL, err)
	}
	if f.SourceMD5 != "" {
		if got := hexSum(md5.New(), raw); got != f.SourceMD5 {
			return nil, "", fmt.Errorf("dataset: download of %s from %s: %w: md5 %s, want %s; nothing was cached", f.Name, f.URL, ErrChecksum, got, f.SourceMD5)
		}
	}
	data, err := decode(f.Name, raw)
	if err != nil {
		return nil, "", fmt.Errorf("dataset: download of %s from %s: %w: %w; nothing was cached", f.Name, f.URL, ErrChecksum, err)
	}
	if err := f.verify(data); err != nil {
		return nil, "", fmt.Errorf("dataset: download of %s from %s: %w; nothing was cached", f.Name, f.URL, err)
	}
	path := filepath.Join(s.CacheDir, filepath.FromSlash(f.Name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, "", fmt.Errorf("dataset: %w", err)
	}
	if err := atomicfile.WriteFile(path, raw); err != nil {
		return nil, "", fmt.Errorf("dataset: caching %s: %w", f.Name, err)
	}
	return data, path, nil
}

// verify checks data against every pinned checksum. A File with none pinned
// cannot be trusted and fails.
func (f File) verify(data []byte) error {
	if f.SHA256 == "" && f.MD5 == "" && f.SourceMD5 == "" {
		return fmt.Errorf("%w: %s has no pinned checksum", ErrChecksum, f.Name)
	}
	if f.Size > 0 && int64(len(data)) != f.Size {
		return fmt.Errorf("%w: %d bytes, want %d", ErrChecksum, len(data), f.Size)
	}
	if f.SHA256 != "" {
		if got := hexSum(sha256.New(), data); got != f.SHA256 {
			return fmt.Errorf("%w: sha256 %s, want %s", ErrChecksum, got, f.SHA256)
		}
	}
	if f.MD5 != "" {
		if got := hexSum(md5.New(), data); got != f.MD5 {
			return fmt.Errorf("%w: md5 %s, want %s", ErrChecksum, got, f.MD5)
		}
	}
	return nil
}

func hexSum(h interface {
	io.Writer
	Sum([]byte) []byte
}, data []byte) string {
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// readDecoded reads path and gunzips it when it starts with the gzip magic.
func readDecoded(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decode(path, raw)
}

func decode(name string, raw []byte) ([]byte, error) {
	if !isGzip(raw) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", filepath.Base(name), err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxDownload))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", filepath.Base(name), err)
	}
	return data, nil
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }
