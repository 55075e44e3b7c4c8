package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/gendl/gendl/dl/internal/atomicfile"
)

// WriteFile atomically writes a as a .npy file: a reader (or a crash) never
// sees a partial file.
func WriteFile(path string, a *Array) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Write(w, a) })
}

// Write writes a in .npy format, little-endian, C order: version 1.0, or
// 2.0 when the header does not fit in 64 KiB. a.DType must be Float32,
// Float64 or Int64 with the matching slice holding Size() elements; other
// arrays are refused with an error.
func Write(w io.Writer, a *Array) error {
	n, err := numElements(a.Shape)
	if err != nil {
		return fmt.Errorf("npy: Write: %w", err)
	}
	var got int
	switch a.DType {
	case Float32:
		got = len(a.Float32)
	case Float64:
		got = len(a.Float64)
	case Int64:
		got = len(a.Int64)
	default:
		return fmt.Errorf("npy: Write: cannot write dtype %q (only f4, f8, i8)", a.DType)
	}
	if got != n {
		return fmt.Errorf("npy: Write: shape %v needs %d elements, the %s data has %d", a.Shape, n, a.DType, got)
	}
	if err := writeHeader(w, "<"+string(a.DType), a.Shape); err != nil {
		return err
	}
	return writeData(w, a)
}

// writeHeader writes magic, version, length and the padded dictionary. As
// in NumPy, the data starts at a multiple of 64 bytes and the header ends in
// a newline.
func writeHeader(w io.Writer, descr string, shape []int) error {
	dict := formatHeader(descr, shape)
	const align = 64
	prefix := len(magic) + 2 + 2
	major := byte(1)
	if pad(prefix+len(dict)+1, align)+len(dict)+1 > math.MaxUint16 {
		major, prefix = 2, prefix+2
	}
	total := prefix + len(dict) + 1
	hlen := len(dict) + pad(total, align) + 1
	buf := make([]byte, 0, prefix+hlen)
	buf = append(buf, magic...)
	buf = append(buf, major, 0)
	if major == 1 {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(hlen))
	} else {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(hlen))
	}
	buf = append(buf, dict...)
	for range pad(total, align) {
		buf = append(buf, ' ')
	}
	buf = append(buf, '\n')
	_, err := w.Write(buf)
	return err
}

func pad(n, align int) int { return (align - n%align) % align }

// writeData writes the elements little-endian, a chunk at a time.
func writeData(w io.Writer, a *Array) error {
	buf := make([]byte, 0, chunkBytes)
	flush := func() error {
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	var n int
	switch a.DType {
	case Float32:
		n = len(a.Float32)
	case Float64:
		n = len(a.Float64)
	default:
		n = len(a.Int64)
	}
	for i := range n {
		switch a.DType {
		case Float32:
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(a.Float32[i]))
		case Float64:
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(a.Float64[i]))
		default:
			buf = binary.LittleEndian.AppendUint64(buf, uint64(a.Int64[i]))
		}
		if len(buf)+8 > cap(buf) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
