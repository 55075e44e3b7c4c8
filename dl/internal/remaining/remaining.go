package remaining

import (
	"bytes"
	"io"
	"os"
)

// Bytes reports how many bytes r still holds, or -1 if it cannot tell
// (a pipe, a network stream): callers then read in bounded chunks instead.
func Bytes(r io.Reader) int64 {
	switch v := r.(type) {
	case *bytes.Reader:
		return int64(v.Len())
	case *bytes.Buffer:
		return int64(v.Len())
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		pos, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return fi.Size() - pos
	}
	return -1
}

// NoEOF turns a bare io.EOF met in the middle of a file into
// io.ErrUnexpectedEOF, so a truncated file reads as truncated.
func NoEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
