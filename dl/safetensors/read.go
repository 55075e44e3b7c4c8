package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gendl/gendl/dl/internal/remaining"

	"github.com/gendl/gendl/dl/internal/half"
)

// ErrInvalid is wrapped by every error about a malformed file, so callers
// can tell corruption from I/O failure with errors.Is.
var ErrInvalid = errors.New("safetensors: invalid file")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// MaxHeaderLen bounds the JSON header, as the reference implementation
// does (100 MB), so a lying length field cannot cost memory.
const MaxHeaderLen = 100_000_000

// File is the contents of a safetensors file: named tensors and the
// optional string metadata.
type File struct {
	Tensors  map[string]*Tensor
	Metadata map[string]string
}

// ReadFile reads a safetensors file.
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sf, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sf, nil
}

// Read reads a whole safetensors file from r and validates it (see
// parseHeader for the rules). Errors about the contents wrap ErrInvalid.
// Read never panics, and its memory use is bounded by the bytes r really
// holds, whatever the header claims.
func Read(r io.Reader) (*File, error) {
	left := remaining.Bytes(r)
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return nil, invalid("reading the 8-byte header length: %v", remaining.NoEOF(err))
	}
	n := binary.LittleEndian.Uint64(pre[:])
	if n > MaxHeaderLen {
		return nil, invalid("header length %d exceeds the limit %d", n, MaxHeaderLen)
	}
	if left >= 0 && int64(n) > left-8 {
		return nil, invalid("header length %d exceeds the %d bytes that follow", n, left-8)
	}
	h, err := readN(r, int64(n), left >= 0)
	if err != nil {
		return nil, invalid("reading the %d-byte header: %v", n, err)
	}
	entries, meta, err := parseHeader(h)
	if err != nil {
		return nil, err
	}
	var bufLen int
	if left >= 0 {
		bufLen = int(left - 8 - int64(n))
	} else { // a stream: the header says how much data to expect
		for _, e := range entries {
			bufLen = max(bufLen, e.end)
		}
	}
	if err := checkOffsets(entries, bufLen); err != nil {
		return nil, err
	}
	total := 0
	if len(entries) > 0 {
		total = entries[len(entries)-1].end
	}
	data, err := readN(r, int64(total), left >= 0)
	if err != nil {
		return nil, invalid("reading %d bytes of tensor data: %v", total, err)
	}
	if left < 0 {
		if k, _ := r.Read(make([]byte, 1)); k != 0 {
			return nil, invalid("data continues past the last tensor's end at byte %d", total)
		}
	}
	f := &File{Tensors: make(map[string]*Tensor, len(entries)), Metadata: meta}
	for _, e := range entries {
		t, err := decode(e, data[e.begin:e.end])
		if err != nil {
			return nil, err
		}
		f.Tensors[e.name] = t
	}
	return f, nil
}

// readN reads exactly n bytes. When the caller knows they are there it
// allocates once; otherwise the buffer grows with the data actually read.
func readN(r io.Reader, n int64, known bool) ([]byte, error) {
	if known {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		return b, remaining.NoEOF(err)
	}
	var buf bytes.Buffer
	k, err := buf.ReadFrom(io.LimitReader(r, n))
	if err == nil && k < n {
		err = io.ErrUnexpectedEOF
	}
	return buf.Bytes(), err
}

// decode converts one tensor's little-endian bytes.
func decode(e entry, b []byte) (*Tensor, error) {
	t := &Tensor{DType: e.dtype, Shape: e.shape}
	if t.Shape == nil {
		t.Shape = []int{}
	}
	le := binary.LittleEndian
	n := len(b) / e.dtype.Size()
	switch e.dtype {
	case F16, BF16, F32:
		t.Float32 = make([]float32, n)
	case F64:
		t.Float64 = make([]float64, n)
	default:
		t.Int64 = make([]int64, n)
	}
	for i := range n {
		switch e.dtype {
		case F16:
			t.Float32[i] = half.Float16ToFloat32(le.Uint16(b[2*i:]))
		case BF16:
			t.Float32[i] = half.BFloat16ToFloat32(le.Uint16(b[2*i:]))
		case F32:
			t.Float32[i] = math.Float32frombits(le.Uint32(b[4*i:]))
		case F64:
			t.Float64[i] = math.Float64frombits(le.Uint64(b[8*i:]))
		case I8:
			t.Int64[i] = int64(int8(b[i]))
		case U8:
			t.Int64[i] = int64(b[i])
		case Bool:
			if b[i] > 1 {
				return nil, invalid("tensor %q: BOOL element %d is %d, not 0 or 1", e.name, i, b[i])
			}
			t.Int64[i] = int64(b[i])
		case I16:
			t.Int64[i] = int64(int16(le.Uint16(b[2*i:])))
		case U16:
			t.Int64[i] = int64(le.Uint16(b[2*i:]))
		case I32:
			t.Int64[i] = int64(int32(le.Uint32(b[4*i:])))
		case U32:
			t.Int64[i] = int64(le.Uint32(b[4*i:]))
		case I64:
			t.Int64[i] = int64(le.Uint64(b[8*i:]))
		case U64:
			v := le.Uint64(b[8*i:])
			if v > math.MaxInt64 {
				return nil, invalid("tensor %q: U64 element %d = %d overflows int64", e.name, i, v)
			}
			t.Int64[i] = int64(v)
		}
	}
	return t, nil
}
