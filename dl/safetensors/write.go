package safetensors

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/gendl/gendl/dl/internal/atomicfile"
)

// WriteFile atomically writes f to path (temporary file, fsync, rename): an
// interrupted write leaves the previous file intact.
func WriteFile(path string, f *File) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Write(w, f) })
}

// Write writes f in the safetensors format. Tensors must be F32, F64 or I64
// with the matching slice holding the shape's element count; names must be
// non-empty and not "__metadata__". The layout is deterministic and the one
// the reference implementation (and so PyTorch's save_file) produces:
// tensors ordered by element size, largest first, then by name; metadata
// first in the header, keys sorted; header padded with spaces to a multiple
// of 8 bytes.
func Write(w io.Writer, f *File) error {
	names, err := order(f.Tensors)
	if err != nil {
		return err
	}
	var hdr bytes.Buffer
	hdr.WriteByte('{')
	if len(f.Metadata) > 0 {
		hdr.WriteString(`"` + metadataKey + `":{`)
		for i, k := range slices.Sorted(maps.Keys(f.Metadata)) {
			if i > 0 {
				hdr.WriteByte(',')
			}
			writeJSONString(&hdr, k)
			hdr.WriteByte(':')
			writeJSONString(&hdr, f.Metadata[k])
		}
		hdr.WriteByte('}')
	}
	pos := 0
	for i, name := range names {
		t := f.Tensors[name]
		if i > 0 || len(f.Metadata) > 0 {
			hdr.WriteByte(',')
		}
		writeJSONString(&hdr, name)
		fmt.Fprintf(&hdr, `:{"dtype":"%s","shape":[`, t.DType)
		for j, d := range t.Shape {
			if j > 0 {
				hdr.WriteByte(',')
			}
			hdr.WriteString(strconv.Itoa(d))
		}
		n := len(t.Float32) + len(t.Float64) + len(t.Int64)
		end := pos + n*t.DType.Size()
		fmt.Fprintf(&hdr, `],"data_offsets":[%d,%d]}`, pos, end)
		pos = end
	}
	hdr.WriteByte('}')
	for hdr.Len()%8 != 0 {
		hdr.WriteByte(' ')
	}
	var pre [8]byte
	binary.LittleEndian.PutUint64(pre[:], uint64(hdr.Len()))
	if _, err := w.Write(pre[:]); err != nil {
		return err
	}
	if _, err := w.Write(hdr.Bytes()); err != nil {
		return err
	}
	for _, name := range names {
		if err := writeData(w, f.Tensors[name]); err != nil {
			return err
		}
	}
	return nil
}

// order validates the tensors and returns their names in file order.
func order(tensors map[string]*Tensor) ([]string, error) {
	names := slices.Collect(maps.Keys(tensors))
	for _, name := range names {
		t := tensors[name]
		if name == "" || name == metadataKey {
			return nil, fmt.Errorf("safetensors: Write: invalid tensor name %q", name)
		}
		if t == nil {
			return nil, fmt.Errorf("safetensors: Write: tensor %q is nil", name)
		}
		n, err := numElements(t.Shape)
		if err != nil {
			return nil, fmt.Errorf("safetensors: Write: tensor %q: %w", name, err)
		}
		var got int
		switch t.DType {
		case F32:
			got = len(t.Float32)
		case F64:
			got = len(t.Float64)
		case I64:
			got = len(t.Int64)
		default:
			return nil, fmt.Errorf("safetensors: Write: tensor %q: cannot write dtype %s (only F32, F64, I64)", name, t.DType)
		}
		if got != n || len(t.Float32)+len(t.Float64)+len(t.Int64) != n {
			return nil, fmt.Errorf("safetensors: Write: tensor %q: shape %v needs %d elements, the %s data has %d", name, t.Shape, n, t.DType, got)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(tensors[b].DType.Size(), tensors[a].DType.Size()); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return names, nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)           // a string always encodes
	b.Truncate(b.Len() - 1) // Encode's newline
}

// writeData writes one tensor's elements little-endian, in chunks.
func writeData(w io.Writer, t *Tensor) error {
	const chunk = 1 << 16
	buf := make([]byte, 0, chunk+8)
	n := len(t.Float32) + len(t.Float64) + len(t.Int64)
	for i := range n {
		switch t.DType {
		case F32:
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(t.Float32[i]))
		case F64:
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(t.Float64[i]))
		default:
			buf = binary.LittleEndian.AppendUint64(buf, uint64(t.Int64[i]))
		}
		if len(buf) >= chunk {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}
