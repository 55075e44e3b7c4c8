package dataset

import (
	"strings"
)

// ShakespeareFile is Tiny Shakespeare, Karpathy's char-rnn corpus: 40,000
// lines of plays in one 1,115,394-byte ASCII file with 65 distinct
// characters.
var ShakespeareFile = File{
	Name:   "tinyshakespeare.txt",
	URL:    "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
	Size:   1115394,
	SHA256: "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
	MD5:    "6fb458f1232090904fb40fe944165e91",
}

// NamesFile is makemore's list of 32,033 lower-case first names, one a
// line (32,032 newlines: the last name has none).
var NamesFile = File{
	Name:   "names.txt",
	URL:    "https://raw.githubusercontent.com/karpathy/makemore/master/names.txt",
	Size:   228145,
	SHA256: "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
	MD5:    "401b3c4cac9e28a586ed15e81256680d",
}

// Shakespeare returns Tiny Shakespeare from the DefaultStore.
func Shakespeare() (string, error) { return DefaultStore().Shakespeare() }

// Names returns the makemore names from the DefaultStore.
func Names() ([]string, error) { return DefaultStore().Names() }

// Shakespeare returns the text of Tiny Shakespeare.
func (s *Store) Shakespeare() (string, error) {
	data, _, err := s.Load(ShakespeareFile)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// Names returns the 32,033 names of makemore's names.txt, in file order.
func (s *Store) Names() ([]string, error) {
	data, _, err := s.Load(NamesFile)
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(data)), nil
}
