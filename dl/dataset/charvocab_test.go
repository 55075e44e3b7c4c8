package dataset

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCharVocabNamesOrder(t *testing.T) {
	t.Parallel()
	v := NewCharVocab(".emma.olivia.ava.")
	if got := string(v.Runes()); got != ".aeilmov" {
		t.Fatalf("runes %q", got)
	}
	ids, err := v.Encode(".ava.")
	if err != nil || !slices.Equal(ids, []int{0, 1, 7, 1, 0}) {
		t.Fatalf("Encode = %v, %v", ids, err)
	}
	if s, err := v.Decode(ids); err != nil || s != ".ava." {
		t.Fatalf("Decode = %q, %v", s, err)
	}
}

func TestCharVocabUnknownPolicy(t *testing.T) {
	t.Parallel()
	v := NewCharVocab("abc")
	if _, err := v.Encode("abz"); err == nil || !strings.Contains(err.Error(), "'z'") {
		t.Fatalf("unknown char: err = %v", err)
	}
	if _, err := v.Encode("a\xffb"); err == nil {
		t.Fatal("invalid UTF-8 encoded without error")
	}
	u := v.WithUnknown('?')
	if u.Size() != 4 || u.Unknown != 3 || v.Unknown != NoUnknown {
		t.Fatalf("WithUnknown: size %d unknown %d (original %d)", u.Size(), u.Unknown, v.Unknown)
	}
	ids, err := u.Encode("abz?")
	if err != nil || !slices.Equal(ids, []int{0, 1, 3, 3}) {
		t.Fatalf("Encode = %v, %v", ids, err)
	}
	if w := v.WithUnknown('b'); w.Size() != 3 || w.Unknown != 1 {
		t.Fatalf("WithUnknown(existing): size %d unknown %d", w.Size(), w.Unknown)
	}
	if _, err := v.Decode([]int{0, 3}); err == nil {
		t.Fatal("Decode out of range: no error")
	}
}

func TestCharVocabShakespeare(t *testing.T) {
	t.Parallel()
	text, err := (&Store{DataDir: sharedData(t), Offline: true}).Shakespeare()
	if err != nil {
		t.Fatal(err)
	}
	v := NewCharVocab(text)
	if v.Size() != 65 || v.Rune(0) != '\n' || v.Rune(1) != ' ' {
		t.Fatalf("%v", v)
	}
	ids, err := v.Encode(text)
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := v.Decode(ids); back != text {
		t.Fatal("round trip changed the text")
	}
}

// FuzzCharVocab checks that text round-trips through its own vocabulary,
// that the vocabulary round-trips through MarshalText, and that with an
// unknown character any text encodes to in-range IDs.
func FuzzCharVocab(f *testing.F) {
	for _, s := range []string{"", "hello", ".emma.", "First Citizen:\n", "héllo wörld ✓", "\ufffd", "a\xffb"} {
		f.Add(s, "other")
	}
	f.Fuzz(func(t *testing.T, s, other string) {
		v := NewCharVocab(s)
		ids, err := v.Encode(s)
		if !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("invalid UTF-8 %q encoded", s)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if back, err := v.Decode(ids); err != nil || back != s {
			t.Fatalf("round trip %q -> %v -> %q, %v", s, ids, back, err)
		}
		txt, _ := v.MarshalText()
		var w CharVocab
		if err := w.UnmarshalText(txt); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(w.Runes(), v.Runes()) {
			t.Fatalf("MarshalText round trip %q -> %q", string(v.Runes()), string(w.Runes()))
		}
		u := v.WithUnknown('\u2047')
		if !utf8.ValidString(other) {
			return
		}
		oids, err := u.Encode(other)
		if err != nil {
			t.Fatal(err)
		}
		if len(oids) != utf8.RuneCountInString(other) {
			t.Fatalf("%d IDs for %d runes", len(oids), utf8.RuneCountInString(other))
		}
		for i, r := range []rune(other) {
			want, ok := u.ID(r)
			if !ok {
				want = u.Unknown
			}
			if oids[i] != want || oids[i] < 0 || oids[i] >= u.Size() {
				t.Fatalf("rune %q -> %d, want %d", r, oids[i], want)
			}
		}
	})
}

func TestCharVocabUnmarshalRejects(t *testing.T) {
	t.Parallel()
	var v CharVocab
	for _, b := range []string{"aba", "a\xff"} {
		if err := v.UnmarshalText([]byte(b)); err == nil {
			t.Errorf("%q accepted", b)
		}
	}
}
