package dataset

import (
	"slices"
	"testing"
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
