package dataset

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitWords splits text into word-level tokens: a word is a run of letters
// and digits, with apostrophes inside it ("ne'er", "o'er"); every other
// visible character (punctuation) is a token of its own; every newline is
// the token "\n" so line structure survives; other white space only
// separates tokens. A byte that is not valid UTF-8 is a token of its own.
func SplitWords(text string) []string {
	var toks []string
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			toks = append(toks, "\n")
			i += n
		case unicode.IsSpace(r):
			i += n
		case isWord(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWord(r2) {
					j += n2
					continue
				}
				if r2 == '\'' && j+1 < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+1:]); isWord(r3) {
						j += n2
						continue
					}
				}
				break
			}
			toks = append(toks, text[i:j])
			i = j
		default:
			toks = append(toks, text[i:i+n])
			i += n
		}
	}
	return toks
}

// JoinWords is the inverse of SplitWords up to white space: tokens are
// separated by one space, except before punctuation and around newlines.
func JoinWords(tokens []string) string {
	var b strings.Builder
	prev := "\n"
	for _, t := range tokens {
		r, _ := utf8.DecodeRuneInString(t)
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if prev != "\n" && t != "\n" && (word || r == '(' || r == '[' || r == '"') && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		prev = t
	}
	return b.String()
}

// WordVocab maps word tokens to IDs, most frequent first. Unknown is the
// unknown-token policy, as in CharVocab: NoUnknown makes Encode fail on a
// token outside the vocabulary; an ID maps such tokens to it.
type WordVocab struct {
	table[string]
}

// NewWordVocab returns the vocabulary of the tokens that occur at least
// minCount times, ordered by decreasing count, ties alphabetically. With
// minCount > 1, pair it with WithUnknown so rare words still encode.
func NewWordVocab(tokens []string, minCount int) *WordVocab {
	counts := map[string]int{}
	for _, t := range tokens {
		counts[t]++
	}
	var words []string
	for w, c := range counts {
		if c >= minCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return newWordVocab(words)
}

func newWordVocab(words []string) *WordVocab { return &WordVocab{newTable(words)} }

// WithUnknown returns a copy of v that encodes unknown tokens as tok (for
// instance "<unk>"), adding it at the end if it is not in the vocabulary.
func (v *WordVocab) WithUnknown(tok string) *WordVocab { return &WordVocab{v.withUnknown(tok)} }

// Size is the number of tokens.
func (v *WordVocab) Size() int { return len(v.items) }

// Words returns the tokens in ID order.
func (v *WordVocab) Words() []string { return slices.Clone(v.items) }

// ID returns the ID of tok and whether it is in the vocabulary.
func (v *WordVocab) ID(tok string) (int, bool) {
	id, ok := v.ids[tok]
	return id, ok
}

// Encode returns the IDs of tokens, failing on an unknown token when
// Unknown is NoUnknown.
func (v *WordVocab) Encode(tokens []string) ([]int, error) {
	ids := make([]int, len(tokens))
	for i, t := range tokens {
		id, ok := v.lookup(t)
		if !ok {
			return nil, fmt.Errorf("dataset: encode: token %s at position %d is not in the vocabulary (use WithUnknown to map it)", strconv.Quote(t), i)
		}
		ids[i] = id
	}
	return ids, nil
}

// Decode returns the tokens of ids, failing on an ID out of range.
func (v *WordVocab) Decode(ids []int) ([]string, error) {
	toks := make([]string, len(ids))
	for i, id := range ids {
		tok, ok := v.item(id)
		if !ok {
			return nil, fmt.Errorf("dataset: decode: ID %d at position %d out of range [0, %d)", id, i, len(v.items))
		}
		toks[i] = tok
	}
	return toks, nil
}
