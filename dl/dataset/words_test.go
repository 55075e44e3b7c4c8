package dataset

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestSplitWords(t *testing.T) {
	t.Parallel()
	got := SplitWords("First Citizen:\nWe are accounted poor citizens, the patricians good.\nO'er 'tis  it!")
	want := []string{"First", "Citizen", ":", "\n", "We", "are", "accounted", "poor", "citizens", ",", "the",
		"patricians", "good", ".", "\n", "O'er", "'", "tis", "it", "!"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if s := JoinWords(want[:8]); s != "First Citizen:\nWe are accounted poor" {
		t.Fatalf("JoinWords = %q", s)
	}
}

func TestWordVocab(t *testing.T) {
	t.Parallel()
	toks := SplitWords("the cat and the dog and the bird")
	v := NewWordVocab(toks, 2)
	if got := v.Words(); !slices.Equal(got, []string{"the", "and"}) {
		t.Fatalf("words %q", got)
	}
	if _, err := v.Encode(toks); err == nil {
		t.Fatal("unknown word encoded under NoUnknown")
	}
	u := v.WithUnknown("<unk>")
	ids, err := u.Encode(toks[:4])
	if err != nil || !slices.Equal(ids, []int{0, 2, 1, 0}) {
		t.Fatalf("Encode = %v, %v", ids, err)
	}
	back, err := u.Decode(ids)
	if err != nil || !slices.Equal(back, []string{"the", "<unk>", "and", "the"}) {
		t.Fatalf("Decode = %q, %v", back, err)
	}
	if _, err := u.Decode([]int{3}); err == nil {
		t.Fatal("out-of-range ID decoded")
	}
}

// FuzzSplitWords checks that joining tokens and splitting again gives the
// same tokens, and that the word vocabulary round-trips them.
func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{"", "O'er 'tis  it!", "First Citizen:\nWe are", "a'b ' c", "naïve café—x\t\ty", "\xff'a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := SplitWords(s)
		if !utf8.ValidString(s) {
			return // stray bytes are tokens of their own, and may fuse when joined
		}
		if again := SplitWords(JoinWords(toks)); !slices.Equal(again, toks) {
			t.Fatalf("%q: split %q, join %q, split %q", s, toks, JoinWords(toks), again)
		}
		v := NewWordVocab(toks, 1)
		ids, err := v.Encode(toks)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := v.Decode(ids); err != nil || !slices.Equal(back, toks) {
			t.Fatalf("vocab round trip %q -> %q, %v", toks, back, err)
		}
	})
}
