// Package dataset loads the course's data and cuts it into batches: Tiny
// Shakespeare and makemore's names for language models, Fashion-MNIST and
// MNIST for image models.
//
// # Finding files
//
// Every file is described by a File (name, public URL, pinned checksums)
// and found by a Store, which looks in order at
//
//  1. DataDir, from $GENDL_DATA: a directory you fill yourself (CI points
//     it at ../shared/data);
//  2. system directories named by the File, such as Debian's
//     /usr/share/datasets/fashion-mnist (apt-get install
//     dataset-fashion-mnist);
//  3. CacheDir, os.UserCacheDir()/gendl/data (~/.cache/gendl/data);
//  4. the public URL, downloaded into CacheDir.
//
// Whatever the source, the content is checked against the File's SHA256
// (and MD5, and size) before it is used. A download is verified in memory
// and only then written, atomically, to the cache: a failed check returns
// an error wrapping ErrChecksum and leaves nothing behind. When nothing is
// found and the download fails (no network, refused, HTTP error) or is off
// (Store.Offline), the error wraps ErrUnavailable and says what to do: set
// GENDL_DATA to a directory holding the file, or place it at the cache path
// it names. Checksums of gzipped files are of the uncompressed payload, so
// Debian's repacked .gz files, upstream's and an uncompressed copy all pass.
//
// The package-level loaders (Shakespeare, Names, FashionMNIST, MNIST) use
// DefaultStore; a notebook cell writes
//
//	text := dl.Must(dataset.Shakespeare())
//
// # Text
//
// A CharVocab maps each distinct character to an ID in sorted order, as
// char-rnn, makemore and nanoGPT do (Tiny Shakespeare has 65, "\n" is 0).
// The unknown-character policy is explicit: by default Encode fails and
// names the character; WithUnknown returns a vocabulary that maps unknown
// characters to a replacement ID instead. SplitWords and WordVocab do the
// same for words, most frequent first.
//
// Training text is one long stream of IDs. Split cuts it into train and
// validation parts (nanoGPT uses 0.9). RandomBatch draws B random windows
// of T+1 tokens and returns inputs x and next-token targets y, both [B, T]
// *dl.Ints: x[b, t+1] == y[b, t]. For truncated backpropagation through
// time a recurrent model wants the opposite, batches that continue each
// other: BPTT cuts the stream into B contiguous streams, one per batch row,
// so the hidden state left by batch i is the right start for batch i+1.
//
// # Images
//
// ReadIDX reads the IDX format of MNIST (gzipped or not); it validates the
// magic, the element type and the dimensions against the data and returns
// an error, never a panic, on a bad file (it is fuzzed). Images holds X as
// [N, 28, 28] float32 in [0, 1], labels Y as [N] *dl.Ints and the class
// names. Normalize standardises in place; Batches iterates over an epoch in
// minibatches shuffled by a *rand.Rand.
//
// # Randomness and errors
//
// Everything random takes a *rand.Rand: the same seed gives the same
// batches. Bad shapes and ranges (a batch longer than the data) panic with
// a *dl.ShapeError at the call; files, downloads and parsing return errors.
package dataset
