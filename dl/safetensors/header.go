package safetensors

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/gendl/gendl/dl/internal/remaining"
)

// metadataKey is the reserved header key holding the string-to-string map.
const metadataKey = "__metadata__"

// entry is one tensor's description in the header.
type entry struct {
	name       string
	dtype      DType
	shape      []int
	begin, end int
}

// rawInfo is the JSON form of an entry. Pointers tell a missing field from
// an empty one (a scalar's shape is []).
type rawInfo struct {
	DType       *string `json:"dtype"`
	Shape       *[]int  `json:"shape"`
	DataOffsets *[]int  `json:"data_offsets"`
}

// parseHeader decodes and validates the JSON header: a JSON object of
// unique keys, a string-to-string __metadata__, known dtypes, non-negative
// shapes, and each tensor's byte length equal to its element count times
// its dtype size. checkOffsets then checks the entries against the data
// buffer.
func parseHeader(h []byte) ([]entry, map[string]string, error) {
	if !utf8.Valid(h) {
		return nil, nil, invalid("header is not valid UTF-8")
	}
	if len(h) == 0 || h[0] != '{' {
		return nil, nil, invalid("header does not start with '{'")
	}
	dec := json.NewDecoder(bytes.NewReader(h))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '{'
		return nil, nil, invalid("header JSON: %v", remaining.NoEOF(err))
	}
	var entries []entry
	var meta map[string]string
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, invalid("header JSON: %v", remaining.NoEOF(err))
		}
		name, _ := tok.(string)
		if seen[name] {
			return nil, nil, invalid("duplicate tensor name %q", name)
		}
		seen[name] = true
		if name == metadataKey {
			if err := dec.Decode(&meta); err != nil {
				return nil, nil, invalid("%s must map strings to strings: %v", metadataKey, remaining.NoEOF(err))
			}
			continue
		}
		var raw rawInfo
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, invalid("tensor %q: %v", name, remaining.NoEOF(err))
		}
		e, err := raw.entry(name)
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, e)
	}
	if _, err := dec.Token(); err != nil { // the '}'
		return nil, nil, invalid("header JSON: %v", remaining.NoEOF(err))
	}
	if rest := h[dec.InputOffset():]; len(bytes.TrimRight(rest, " \t\r\n")) != 0 {
		return nil, nil, invalid("header has %d bytes of trailing garbage after the JSON object", len(rest))
	}
	return entries, meta, nil
}

// entry validates one tensor's fields.
func (r rawInfo) entry(name string) (entry, error) {
	if r.DType == nil || r.Shape == nil || r.DataOffsets == nil {
		return entry{}, invalid("tensor %q lacks dtype, shape or data_offsets", name)
	}
	e := entry{name: name, dtype: DType(*r.DType), shape: *r.Shape}
	if e.dtype.Size() == 0 {
		return e, invalid("tensor %q: unsupported dtype %q", name, *r.DType)
	}
	if len(*r.DataOffsets) != 2 {
		return e, invalid("tensor %q: data_offsets has %d numbers, want 2", name, len(*r.DataOffsets))
	}
	e.begin, e.end = (*r.DataOffsets)[0], (*r.DataOffsets)[1]
	if e.begin < 0 || e.end < e.begin {
		return e, invalid("tensor %q: bad data_offsets [%d, %d]", name, e.begin, e.end)
	}
	n, err := numElements(e.shape)
	if err != nil {
		return e, invalid("tensor %q: %v", name, err)
	}
	if n > math.MaxInt/e.dtype.Size() || n*e.dtype.Size() != e.end-e.begin {
		return e, invalid("tensor %q: shape %v of %s needs %d×%d bytes, data_offsets [%d, %d] give %d",
			name, e.shape, e.dtype, n, e.dtype.Size(), e.begin, e.end, e.end-e.begin)
	}
	return e, nil
}

// checkOffsets sorts entries by position and checks that they tile the
// data buffer [0, bufLen) exactly: sorted, no gap, no overlap, nothing past
// the end, nothing left over.
func checkOffsets(entries []entry, bufLen int) error {
	slices.SortStableFunc(entries, func(a, b entry) int {
		if a.begin != b.begin {
			return a.begin - b.begin
		}
		return a.end - b.end
	})
	pos := 0
	for _, e := range entries {
		switch {
		case e.begin < pos:
			return invalid("tensor %q: data_offsets [%d, %d] overlap the previous tensor, which ends at %d", e.name, e.begin, e.end, pos)
		case e.begin > pos:
			return invalid("tensor %q: data_offsets [%d, %d] leave a gap after byte %d", e.name, e.begin, e.end, pos)
		case e.end > bufLen:
			return invalid("tensor %q: data_offsets [%d, %d] run past the end of the %d-byte data buffer", e.name, e.begin, e.end, bufLen)
		}
		pos = e.end
	}
	if pos != bufLen {
		return invalid("tensors cover %d bytes but the data buffer has %d", pos, bufLen)
	}
	return nil
}
