package npy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gendl/gendl/dl/internal/remaining"

	"github.com/gendl/gendl/dl/internal/half"
)

// magic opens every .npy file.
const magic = "\x93NUMPY"

// maxHeaderLen bounds the header a reader accepts. NumPy itself refuses
// headers over 10000 bytes unless told otherwise; 1 MiB leaves room for any
// real shape while keeping a lying length field from costing memory.
const maxHeaderLen = 1 << 20

// chunkBytes is how much data Read decodes at a time when it cannot tell
// how many bytes are left, so a header that claims more data than the
// stream holds costs at most what the stream really holds.
const chunkBytes = 1 << 16

// ReadFile reads one array from a .npy file.
func ReadFile(path string) (*Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// Read reads one array in the .npy format (versions 1.0, 2.0 and 3.0) from r.
// Elements may be little- or big-endian; Fortran-ordered arrays are
// transposed into C order. See Array for how each DType is stored. Read
// returns an error, and never panics, on a malformed or truncated stream;
// memory use is bounded by the size of the data actually present, whatever
// the header claims.
func Read(r io.Reader) (*Array, error) {
	avail := remaining.Bytes(r)
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return nil, fmt.Errorf("npy: reading magic: %w", remaining.NoEOF(err))
	}
	if string(pre[:6]) != magic {
		return nil, errors.New("npy: not a .npy file (bad magic)")
	}
	major, minor := pre[6], pre[7]
	var hlen int
	switch major {
	case 1:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("npy: reading header length: %w", remaining.NoEOF(err))
		}
		hlen = int(binary.LittleEndian.Uint16(b[:]))
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("npy: reading header length: %w", remaining.NoEOF(err))
		}
		hlen = int(binary.LittleEndian.Uint32(b[:]))
	default:
		return nil, fmt.Errorf("npy: unsupported format version %d.%d", major, minor)
	}
	if hlen > maxHeaderLen {
		return nil, fmt.Errorf("npy: header length %d exceeds the limit %d", hlen, maxHeaderLen)
	}
	hbuf := make([]byte, hlen)
	if _, err := io.ReadFull(r, hbuf); err != nil {
		return nil, fmt.Errorf("npy: reading %d-byte header: %w", hlen, remaining.NoEOF(err))
	}
	h, err := parseHeader(string(hbuf))
	if err != nil {
		return nil, err
	}
	order, dtype, err := parseDescr(h.descr)
	if err != nil {
		return nil, err
	}
	n, err := numElements(h.shape)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	size := dtype.itemSize()
	if n > math.MaxInt/size {
		return nil, fmt.Errorf("npy: shape %v of %s overflows the byte count", h.shape, dtype)
	}
	nbytes := n * size
	if avail >= 0 {
		left := avail - int64(len(pre)) - int64(hlen)
		if major == 1 {
			left -= 2
		} else {
			left -= 4
		}
		if int64(nbytes) > left {
			return nil, fmt.Errorf("npy: header declares %d bytes of %s data for shape %v, but only %d bytes follow", nbytes, dtype, h.shape, left)
		}
	}
	a := &Array{Shape: h.shape, DType: dtype}
	if err := a.decode(r, n, order, avail >= 0); err != nil {
		return nil, err
	}
	if h.fortran {
		a.toCOrder()
	}
	return a, nil
}

// parseDescr splits a descr such as "<f4" or "|b1" into byte order and type.
func parseDescr(descr string) (binary.ByteOrder, DType, error) {
	if len(descr) != 3 {
		return nil, "", fmt.Errorf("npy: unsupported dtype %q", descr)
	}
	d := DType(descr[1:])
	if d.itemSize() == 0 {
		return nil, "", fmt.Errorf("npy: unsupported dtype %q", descr)
	}
	switch descr[0] {
	case '<', '=':
		return binary.LittleEndian, d, nil
	case '>':
		return binary.BigEndian, d, nil
	case '|':
		if d.itemSize() == 1 {
			return binary.LittleEndian, d, nil
		}
	}
	return nil, "", fmt.Errorf("npy: unsupported byte order in dtype %q", descr)
}

// decode reads n elements. With exact set, the caller has checked that the
// data is present, so the slice is allocated once; otherwise it grows with
// the data read, chunk by chunk.
func (a *Array) decode(r io.Reader, n int, order binary.ByteOrder, exact bool) error {
	size := a.DType.itemSize()
	capHint := n
	if !exact {
		capHint = min(n, chunkBytes/size)
	}
	switch a.DType {
	case Float16, Float32:
		a.Float32 = make([]float32, 0, capHint)
	case Float64:
		a.Float64 = make([]float64, 0, capHint)
	default:
		a.Int64 = make([]int64, 0, capHint)
	}
	buf := make([]byte, min(n*size, chunkBytes/size*size))
	for done := 0; done < n; {
		k := min(n-done, len(buf)/size)
		b := buf[:k*size]
		if _, err := io.ReadFull(r, b); err != nil {
			return fmt.Errorf("npy: reading data (element %d of %d): %w", done, n, remaining.NoEOF(err))
		}
		if err := a.appendElems(b, order, done); err != nil {
			return err
		}
		done += k
	}
	return nil
}

// appendElems decodes the elements in b; first is the index of b's first
// element, for error messages.
func (a *Array) appendElems(b []byte, o binary.ByteOrder, first int) error {
	switch a.DType {
	case Float16:
		for i := 0; i < len(b); i += 2 {
			a.Float32 = append(a.Float32, half.Float16ToFloat32(o.Uint16(b[i:])))
		}
	case Float32:
		for i := 0; i < len(b); i += 4 {
			a.Float32 = append(a.Float32, math.Float32frombits(o.Uint32(b[i:])))
		}
	case Float64:
		for i := 0; i < len(b); i += 8 {
			a.Float64 = append(a.Float64, math.Float64frombits(o.Uint64(b[i:])))
		}
	case Int8:
		for _, v := range b {
			a.Int64 = append(a.Int64, int64(int8(v)))
		}
	case Uint8:
		for _, v := range b {
			a.Int64 = append(a.Int64, int64(v))
		}
	case Bool:
		for _, v := range b {
			a.Int64 = append(a.Int64, int64(min(v, 1)))
		}
	case Int16:
		for i := 0; i < len(b); i += 2 {
			a.Int64 = append(a.Int64, int64(int16(o.Uint16(b[i:]))))
		}
	case Uint16:
		for i := 0; i < len(b); i += 2 {
			a.Int64 = append(a.Int64, int64(o.Uint16(b[i:])))
		}
	case Int32:
		for i := 0; i < len(b); i += 4 {
			a.Int64 = append(a.Int64, int64(int32(o.Uint32(b[i:]))))
		}
	case Uint32:
		for i := 0; i < len(b); i += 4 {
			a.Int64 = append(a.Int64, int64(o.Uint32(b[i:])))
		}
	case Int64:
		for i := 0; i < len(b); i += 8 {
			a.Int64 = append(a.Int64, int64(o.Uint64(b[i:])))
		}
	case Uint64:
		for i := 0; i < len(b); i += 8 {
			v := o.Uint64(b[i:])
			if v > math.MaxInt64 {
				return fmt.Errorf("npy: uint64 element %d = %d overflows int64", first+i/8, v)
			}
			a.Int64 = append(a.Int64, int64(v))
		}
	}
	return nil
}
