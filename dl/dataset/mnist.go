package dataset

import (
	"bytes"
	"fmt"
)

// Subset picks the training or the test part of an image dataset.
type Subset int

// The two parts of MNIST and Fashion-MNIST: 60,000 and 10,000 images.
const (
	Train Subset = iota
	Test
)

func (s Subset) String() string {
	if s == Test {
		return "test"
	}
	return "train"
}

// FashionMNISTClasses names Fashion-MNIST's labels 0..9.
var FashionMNISTClasses = []string{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}

// MNISTClasses names MNIST's labels 0..9.
var MNISTClasses = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// DebianFashionMNIST is where Debian's dataset-fashion-mnist package puts
// the files (apt-get install dataset-fashion-mnist).
const DebianFashionMNIST = "/usr/share/datasets/fashion-mnist"

const fashionURL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"

// FashionMNISTFiles are the image and label files of the training and test
// sets, indexed by Subset. Their SHA256 and MD5 are of the uncompressed IDX
// data (what Debian's repacked .gz files and upstream's share); SourceMD5
// is the one the Fashion-MNIST README publishes for its .gz downloads.
var FashionMNISTFiles = [2][2]File{
	Train: {
		{Name: "fashion-mnist/train-images-idx3-ubyte.gz", URL: fashionURL + "train-images-idx3-ubyte.gz", Size: 47040016,
			SHA256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", MD5: "f4a8712d7a061bf5bd6d2ca38dc4d50a",
			SourceMD5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d", Dirs: []string{DebianFashionMNIST}},
		{Name: "fashion-mnist/train-labels-idx1-ubyte.gz", URL: fashionURL + "train-labels-idx1-ubyte.gz", Size: 60008,
			SHA256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", MD5: "9018921c3c673c538a1fc5bad174d6f9",
			SourceMD5: "25c81989df183df01b3e8a0aad5dffbe", Dirs: []string{DebianFashionMNIST}},
	},
	Test: {
		{Name: "fashion-mnist/t10k-images-idx3-ubyte.gz", URL: fashionURL + "t10k-images-idx3-ubyte.gz", Size: 7840016,
			SHA256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", MD5: "8181f5470baa50b63fa0f6fddb340f0a",
			SourceMD5: "bef4ecab320f06d8554ea6380940ec79", Dirs: []string{DebianFashionMNIST}},
		{Name: "fashion-mnist/t10k-labels-idx1-ubyte.gz", URL: fashionURL + "t10k-labels-idx1-ubyte.gz", Size: 10008,
			SHA256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", MD5: "15d484375f8d13e6eb1aabb0c3f46965",
			SourceMD5: "bb300cfdad3c16e7a12a480ee83cd310", Dirs: []string{DebianFashionMNIST}},
	},
}

const mnistURL = "https://ossci-datasets.s3.amazonaws.com/mnist/"

// MNISTFiles are MNIST's files, indexed by Subset. Only the .gz checksums
// (torchvision's) and the sizes are pinned, so a downloaded file is fully
// verified but a local copy is checked only for its size and IDX header.
var MNISTFiles = [2][2]File{
	Train: {
		{Name: "mnist/train-images-idx3-ubyte.gz", URL: mnistURL + "train-images-idx3-ubyte.gz", Size: 47040016, SourceMD5: "f68b3c2dcbeaaa9fbdd348bbdeb94873"},
		{Name: "mnist/train-labels-idx1-ubyte.gz", URL: mnistURL + "train-labels-idx1-ubyte.gz", Size: 60008, SourceMD5: "d53e105ee54ea40749a09fcbcd1e9432"},
	},
	Test: {
		{Name: "mnist/t10k-images-idx3-ubyte.gz", URL: mnistURL + "t10k-images-idx3-ubyte.gz", Size: 7840016, SourceMD5: "9fb629c4189551a2d022fa330f9573f3"},
		{Name: "mnist/t10k-labels-idx1-ubyte.gz", URL: mnistURL + "t10k-labels-idx1-ubyte.gz", Size: 10008, SourceMD5: "ec29112dd5afa0611ce80d1b7f02629c"},
	},
}

// FashionMNIST loads a part of Fashion-MNIST from the DefaultStore.
func FashionMNIST(sub Subset) (*Images, error) { return DefaultStore().FashionMNIST(sub) }

// MNIST loads a part of MNIST from the DefaultStore.
func MNIST(sub Subset) (*Images, error) { return DefaultStore().MNIST(sub) }

// FashionMNIST loads the training or test part of Fashion-MNIST: X is
// [60000, 28, 28] or [10000, 28, 28] in [0, 1].
func (s *Store) FashionMNIST(sub Subset) (*Images, error) {
	return s.idxImages(FashionMNISTFiles[sub], FashionMNISTClasses)
}

// MNIST loads the training or test part of MNIST.
func (s *Store) MNIST(sub Subset) (*Images, error) {
	return s.idxImages(MNISTFiles[sub], MNISTClasses)
}

func (s *Store) idxImages(files [2]File, classes []string) (*Images, error) {
	var arrays [2]*IDX
	for i, f := range files {
		data, path, err := s.Load(f)
		if err != nil {
			return nil, err
		}
		if arrays[i], err = ReadIDX(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("dataset: %s: %w", path, err)
		}
	}
	return NewImages(arrays[0], arrays[1], classes)
}
