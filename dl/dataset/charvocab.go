package dataset

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// NoUnknown is CharVocab.Unknown's value when encoding a character outside
// the vocabulary is an error.
const NoUnknown = -1

// CharVocab maps characters (Unicode code points) to IDs 0..Size()-1 in
// sorted order, as in char-rnn, makemore and nanoGPT: for makemore's names
// with "." as the boundary token, "." is ID 0 and "a" is 1.
//
// Unknown is the unknown-character policy: NoUnknown (what NewCharVocab
// sets) makes Encode return an error naming the first character it cannot
// map; an ID makes Encode map every such character to it (see WithUnknown).
type CharVocab struct {
	table[rune]
}

// NewCharVocab returns the vocabulary of the distinct characters of text.
// Invalid UTF-8 in text is skipped.
func NewCharVocab(text string) *CharVocab {
	seen := map[rune]bool{}
	for i, r := range text {
		if r == utf8.RuneError && !validAt(text, i) {
			continue
		}
		seen[r] = true
	}
	runes := make([]rune, 0, len(seen))
	for r := range seen {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	return newCharVocab(runes)
}

func validAt(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError || n == 3 // U+FFFD itself is 3 bytes
}

func newCharVocab(runes []rune) *CharVocab { return &CharVocab{newTable(runes)} }

// WithUnknown returns a copy of v that encodes unknown characters as r,
// adding r at the end of the vocabulary (ID Size()) if it is not in it.
// Existing IDs do not change.
func (v *CharVocab) WithUnknown(r rune) *CharVocab { return &CharVocab{v.withUnknown(r)} }

// Size is the number of characters, the V of a [B, T, V] logits tensor.
func (v *CharVocab) Size() int { return len(v.items) }

// Runes returns the characters in ID order.
func (v *CharVocab) Runes() []rune { return slices.Clone(v.items) }

// ID returns the ID of r and whether r is in the vocabulary.
func (v *CharVocab) ID(r rune) (int, bool) {
	id, ok := v.ids[r]
	return id, ok
}

// Rune returns the character with the given ID. It panics if id is out of
// range.
func (v *CharVocab) Rune(id int) rune {
	r, ok := v.item(id)
	if !ok {
		panic(fmt.Sprintf("dataset: CharVocab.Rune: ID %d out of range [0, %d)", id, len(v.items)))
	}
	return r
}

// Encode returns the IDs of the characters of s. It returns an error for
// invalid UTF-8, and for a character outside the vocabulary when Unknown is
// NoUnknown.
func (v *CharVocab) Encode(s string) ([]int, error) {
	ids := make([]int, 0, len(s))
	for i, r := range s {
		if r == utf8.RuneError && !validAt(s, i) {
			return nil, fmt.Errorf("dataset: encode: invalid UTF-8 at byte %d", i)
		}
		id, ok := v.lookup(r)
		if !ok {
			return nil, fmt.Errorf("dataset: encode: character %s at byte %d is not in the vocabulary (use WithUnknown to map it)", strconv.QuoteRune(r), i)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Decode returns the text of ids. It returns an error for an ID out of
// range.
func (v *CharVocab) Decode(ids []int) (string, error) {
	b := make([]byte, 0, len(ids))
	for i, id := range ids {
		r, ok := v.item(id)
		if !ok {
			return "", fmt.Errorf("dataset: decode: ID %d at position %d out of range [0, %d)", id, i, len(v.items))
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b), nil
}

// String prints the size and the characters, quoted.
func (v *CharVocab) String() string {
	return fmt.Sprintf("CharVocab(%d) %s", len(v.items), strconv.Quote(string(v.items)))
}

// MarshalText writes the characters in ID order, so a saved model can
// rebuild its exact vocabulary. The unknown policy is not part of it.
func (v *CharVocab) MarshalText() ([]byte, error) { return []byte(string(v.items)), nil }

// UnmarshalText restores a vocabulary written by MarshalText: the IDs are
// the positions of the characters. Repeated characters and invalid UTF-8
// are errors.
func (v *CharVocab) UnmarshalText(b []byte) error {
	if !utf8.Valid(b) {
		return errors.New("dataset: CharVocab: invalid UTF-8")
	}
	runes := []rune(string(b))
	seen := make(map[rune]bool, len(runes))
	for _, r := range runes {
		if seen[r] {
			return fmt.Errorf("dataset: CharVocab: character %s repeated", strconv.QuoteRune(r))
		}
		seen[r] = true
	}
	*v = *newCharVocab(runes)
	return nil
}
