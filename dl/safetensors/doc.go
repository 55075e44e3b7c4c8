// Package safetensors reads and writes the safetensors format, the way
// PyTorch and the Hugging Face ecosystem share weights without pickle.
//
// # The format
//
// A file is an 8-byte little-endian header length N, N bytes of JSON, and a
// data buffer. The JSON object maps each tensor name to its dtype ("F32",
// "BF16", ...), shape and data_offsets [begin, end) into the buffer; the
// optional "__metadata__" key maps strings to strings. Data is raw,
// little-endian, row-major. Names follow PyTorch's state_dict ("0.weight",
// "blocks.1.attn.qkv.bias"), which is what makes a gendl model and the
// matching PyTorch model exchange checkpoints.
//
// # The model
//
// Read returns a File: a map of Tensor values (DType, Shape and the data in
// one of three slices: half precision and bfloat16 are widened to float32,
// integers and bools become int64) and the metadata. Write stores F32, F64
// and I64 tensors in the layout the reference implementation uses (largest
// element size first, then by name; header padded to 8 bytes), so a file
// gendl writes is byte for byte what save_file writes for the same tensors
// (with more than one metadata key only their order can differ: the
// reference keeps them in a hash map, gendl sorts them). Save and Load adapt
// to map[string]*dl.Tensor.
//
// # Untrusted input
//
// A checkpoint may be truncated by a crash or come from anywhere. Read
// validates everything before it trusts anything: the header length against
// a 100 MB limit and the bytes present, the JSON (an object, valid UTF-8, no
// duplicate names, nothing after it), each dtype and shape (element count
// times element size must equal the tensor's byte length, without
// overflow), and the offsets (sorted, no overlap, no gap, inside the buffer,
// covering it exactly). Every such error wraps ErrInvalid and names the
// tensor and the numbers involved. Read never panics and allocates no more
// than the input holds; FuzzRead checks both.
//
// WriteFile and Save are atomic (temporary file, fsync, rename): a cell
// interrupted mid-save leaves the previous checkpoint intact.
package safetensors
