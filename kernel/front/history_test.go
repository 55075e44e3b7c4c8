package front

import (
	"path/filepath"
	"testing"
)

func TestHistoryPersistsAndQueries(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "h.jsonl")
	h1, err := OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h1.Add(1, "a := 1", nil)
	h1.Add(2, "1+2", nil)
	h2, err := OpenHistory(path) // the next kernel
	if err != nil {
		t.Fatal(err)
	}
	if h2.Session() != h1.Session()+1 {
		t.Fatalf("sessions %d then %d", h1.Session(), h2.Session())
	}
	out := "3"
	h2.Add(1, "1+2", &out)
	h2.Add(2, "1+3", nil)

	n := func(i int) *int { return &i }
	cases := []struct {
		name string
		req  HistoryRequest
		want []string
	}{
		{"tail across sessions", HistoryRequest{HistAccessType: "tail", N: n(3)}, []string{"1+2", "1+2", "1+3"}},
		{"range of this session", HistoryRequest{HistAccessType: "range", Session: 0, Start: 1, Stop: n(2)}, []string{"1+2"}},
		{"range of the previous", HistoryRequest{HistAccessType: "range", Session: -1, Start: 1}, []string{"a := 1", "1+2"}},
		{"search", HistoryRequest{HistAccessType: "search", Pattern: "1+?"}, []string{"1+2", "1+2", "1+3"}},
		{"search unique", HistoryRequest{HistAccessType: "search", Pattern: "1+2", Unique: true}, []string{"1+2"}},
		{"search n", HistoryRequest{HistAccessType: "search", Pattern: "*", N: n(2)}, []string{"1+2", "1+3"}},
	}
	for _, c := range cases {
		got, err := h2.Query(c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var src []string
		for _, e := range got {
			src = append(src, e[2].(string))
		}
		if len(src) != len(c.want) {
			t.Errorf("%s: %q, want %q", c.name, src, c.want)
			continue
		}
		for i := range src {
			if src[i] != c.want[i] {
				t.Errorf("%s: %q, want %q", c.name, src, c.want)
				break
			}
		}
	}
	got, _ := h2.Query(HistoryRequest{HistAccessType: "range", Session: 0, Start: 1, Stop: n(2), Output: true})
	if pair := got[0][2].([]any); pair[1] != "3" {
		t.Errorf("output = %v", got[0][2])
	}
	if _, err := h2.Query(HistoryRequest{HistAccessType: "nope"}); err == nil {
		t.Error("unknown access type accepted")
	}
}
