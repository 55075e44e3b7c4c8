package dataset

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// IDXType is the element type code of an IDX file (the third magic byte).
type IDXType byte

// The IDX element types, as defined with the MNIST database.
const (
	IDXUint8   IDXType = 0x08
	IDXInt8    IDXType = 0x09
	IDXInt16   IDXType = 0x0B
	IDXInt32   IDXType = 0x0C
	IDXFloat32 IDXType = 0x0D
	IDXFloat64 IDXType = 0x0E
)

// Size is the number of bytes of one element, or 0 for an unknown code.
func (t IDXType) Size() int {
	switch t {
	case IDXUint8, IDXInt8:
		return 1
	case IDXInt16:
		return 2
	case IDXInt32, IDXFloat32:
		return 4
	case IDXFloat64:
		return 8
	}
	return 0
}

// IDX is a decoded IDX array: the format of MNIST and Fashion-MNIST. The
// file is two zero bytes, a type code, the number of dimensions, each
// dimension as a big-endian uint32, then the elements in row-major order,
// big-endian.
type IDX struct {
	Type IDXType
	Dims []int
	Data []byte // the raw elements, big-endian, len = product(Dims) * Type.Size()
}

// MaxIDXBytes bounds the element bytes ReadIDX accepts (1 GiB): a corrupt
// header cannot make it allocate more.
const MaxIDXBytes = 1 << 30

// ReadIDX reads an IDX array, gunzipping it first if it starts with the
// gzip magic. It returns an error, never panics, on a bad magic, an unknown
// type, zero dimensions, a size over MaxIDXBytes, truncated data or
// trailing bytes.
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	if m, err := br.Peek(2); err == nil && isGzip(m) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("idx: gunzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	var head [4]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, fmt.Errorf("idx: header: %w", noEOF(err))
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, fmt.Errorf("idx: bad magic % x (want 00 00 type rank)", head)
	}
	typ := IDXType(head[2])
	if typ.Size() == 0 {
		return nil, fmt.Errorf("idx: unknown element type 0x%02x", head[2])
	}
	rank := int(head[3])
	if rank == 0 {
		return nil, errors.New("idx: rank 0")
	}
	dims := make([]int, rank)
	n := int64(typ.Size())
	for i := range dims {
		var d uint32
		if err := binary.Read(br, binary.BigEndian, &d); err != nil {
			return nil, fmt.Errorf("idx: dimension %d: %w", i, noEOF(err))
		}
		dims[i] = int(d)
		if n *= int64(d); n > MaxIDXBytes {
			return nil, fmt.Errorf("idx: dims %v exceed %d bytes", dims[:i+1], MaxIDXBytes)
		}
	}
	// ReadAll grows with what is really there, so a lying header over a
	// short file costs nothing.
	data, err := io.ReadAll(io.LimitReader(br, n+1))
	if err != nil {
		return nil, fmt.Errorf("idx: data: %w", err)
	}
	if int64(len(data)) < n {
		return nil, fmt.Errorf("idx: dims %v need %d bytes of data, file has %d", dims, n, len(data))
	}
	if int64(len(data)) > n {
		return nil, fmt.Errorf("idx: trailing bytes after the %d data bytes of dims %v", n, dims)
	}
	return &IDX{Type: typ, Dims: dims, Data: data}, nil
}

func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// Len is the number of elements.
func (x *IDX) Len() int { return len(x.Data) / x.Type.Size() }

// Float64s returns the elements converted to float64, whatever their type.
func (x *IDX) Float64s() []float64 {
	out := make([]float64, x.Len())
	d := x.Data
	for i := range out {
		switch x.Type {
		case IDXUint8:
			out[i] = float64(d[i])
		case IDXInt8:
			out[i] = float64(int8(d[i]))
		case IDXInt16:
			out[i] = float64(int16(binary.BigEndian.Uint16(d[2*i:])))
		case IDXInt32:
			out[i] = float64(int32(binary.BigEndian.Uint32(d[4*i:])))
		case IDXFloat32:
			out[i] = float64(math.Float32frombits(binary.BigEndian.Uint32(d[4*i:])))
		case IDXFloat64:
			out[i] = math.Float64frombits(binary.BigEndian.Uint64(d[8*i:]))
		}
	}
	return out
}

// WriteIDX writes x in the IDX format (uncompressed). It fails if Dims and
// Data disagree.
func WriteIDX(w io.Writer, x *IDX) error {
	if x.Type.Size() == 0 || len(x.Dims) == 0 || len(x.Dims) > 255 {
		return fmt.Errorf("idx: cannot write type 0x%02x with rank %d", byte(x.Type), len(x.Dims))
	}
	n := x.Type.Size()
	head := []byte{0, 0, byte(x.Type), byte(len(x.Dims))}
	for _, d := range x.Dims {
		if d < 0 || d > math.MaxUint32 {
			return fmt.Errorf("idx: dimension %d out of range", d)
		}
		head = binary.BigEndian.AppendUint32(head, uint32(d))
		n *= d
	}
	if n != len(x.Data) {
		return fmt.Errorf("idx: dims %v need %d bytes, have %d", x.Dims, n, len(x.Data))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := w.Write(x.Data)
	return err
}
