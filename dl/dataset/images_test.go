package dataset

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func tinyImages(t *testing.T, n int) *Images {
	img := &IDX{Type: IDXUint8, Dims: []int{n, 2, 3}, Data: make([]byte, n*6)}
	lab := &IDX{Type: IDXUint8, Dims: []int{n}, Data: make([]byte, n)}
	for i := range n {
		for p := range 6 {
			img.Data[i*6+p] = byte(i) // every pixel of image i is i/255
		}
		lab.Data[i] = byte(i % 3)
	}
	d, err := NewImages(img, lab, []string{"a", "b", "c"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestImagesBatches(t *testing.T) {
	t.Parallel()
	d := tinyImages(t, 10)
	if !slices.Equal(d.X.Shape(), []int{10, 2, 3}) || d.X.At(7, 1, 2) != float64(float32(7.0/255)) {
		t.Fatalf("X %v", d.X.Shape())
	}
	order := func(r *rand.Rand) (ids []int, sizes []int) {
		for x, y := range d.Batches(r, 4) {
			sizes = append(sizes, y.Size())
			for b := range y.Size() {
				i := int(math.Round(x.At(b, 0, 0) * 255))
				if y.At(b) != i%3 {
					t.Fatalf("image %d with label %d", i, y.At(b))
				}
				ids = append(ids, i)
			}
		}
		return ids, sizes
	}
	seq, sizes := order(nil)
	if !slices.Equal(seq, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) || !slices.Equal(sizes, []int{4, 4, 2}) {
		t.Fatalf("sequential %v sizes %v", seq, sizes)
	}
	a, _ := order(rand.New(rand.NewPCG(1, 1)))
	b, _ := order(rand.New(rand.NewPCG(1, 1)))
	c, _ := order(rand.New(rand.NewPCG(2, 1)))
	if !slices.Equal(a, b) || slices.Equal(a, seq) || slices.Equal(a, c) {
		t.Fatalf("shuffles %v %v %v", a, b, c)
	}
	slices.Sort(a)
	if !slices.Equal(a, seq) {
		t.Fatalf("a shuffled epoch is not a permutation: %v", a)
	}
}

func TestImagesSliceNormalize(t *testing.T) {
	t.Parallel()
	d := tinyImages(t, 10)
	s := d.Slice(2, 5)
	if s.Len() != 3 || s.Y.At(0) != 2 || s.X.At(2, 0, 0) != d.X.At(4, 0, 0) {
		t.Fatalf("Slice: %v", s.Y)
	}
	mean, std := d.Stats()
	if math.Abs(mean-4.5/255) > 1e-6 || math.Abs(std-math.Sqrt(8.25)/255) > 1e-6 {
		t.Fatalf("Stats = %v, %v", mean, std)
	}
	d.Normalize(mean, std)
	if m, s := d.Stats(); math.Abs(m) > 1e-5 || math.Abs(s-1) > 1e-5 {
		t.Fatalf("after Normalize: %v, %v", m, s)
	}
}

func TestNewImagesRejects(t *testing.T) {
	t.Parallel()
	img := &IDX{Type: IDXUint8, Dims: []int{2, 1, 1}, Data: []byte{0, 0}}
	for _, lab := range []*IDX{
		{Type: IDXUint8, Dims: []int{3}, Data: []byte{0, 0, 0}},
		{Type: IDXUint8, Dims: []int{2}, Data: []byte{0, 10}},
		{Type: IDXInt8, Dims: []int{2}, Data: []byte{0, 0}},
	} {
		if _, err := NewImages(img, lab, MNISTClasses); err == nil {
			t.Errorf("labels %+v accepted", lab)
		}
	}
}

func TestFashionMNISTDebian(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(DebianFashionMNIST); err != nil {
		t.Skip("dataset-fashion-mnist is not installed")
	}
	s := &Store{Offline: true}
	test, err := s.FashionMNIST(Test)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(test.X.Shape(), []int{10000, 28, 28}) || test.Y.At(0) != 9 {
		t.Fatalf("test set %v, first label %d", test.X.Shape(), test.Y.At(0))
	}
	counts := make([]int, 10)
	for _, y := range test.Y.Data {
		counts[y]++
	}
	for c, n := range counts {
		if n != 1000 {
			t.Fatalf("class %s has %d images", FashionMNISTClasses[c], n)
		}
	}
	mean, std := test.Stats()
	if math.Abs(mean-0.2868) > 1e-3 || math.Abs(std-0.3524) > 1e-3 {
		t.Fatalf("test mean %.4f std %.4f", mean, std)
	}
}

// TestFashionMNISTDownload serves Debian's repacked test labels over HTTP:
// the pinned payload checksum accepts them, the upstream .gz md5 does not.
func TestFashionMNISTDownload(t *testing.T) {
	t.Parallel()
	f := FashionMNISTFiles[Test][1]
	raw, err := os.ReadFile(filepath.Join(DebianFashionMNIST, filepath.Base(f.Name)))
	if err != nil {
		t.Skip("dataset-fashion-mnist is not installed")
	}
	srv, _ := server(t, raw)
	f.URL, f.Dirs = srv.URL+"/f", nil
	s := &Store{CacheDir: t.TempDir(), Client: srv.Client()}
	if _, _, err := s.Load(f); !errors.Is(err, ErrChecksum) {
		t.Fatalf("repacked .gz against the upstream md5: %v", err)
	}
	f.SourceMD5 = ""
	data, path, err := s.Load(f)
	if err != nil || len(data) != 10008 || path != filepath.Join(s.CacheDir, "fashion-mnist", "t10k-labels-idx1-ubyte.gz") {
		t.Fatalf("%d bytes at %s: %v", len(data), path, err)
	}
}
