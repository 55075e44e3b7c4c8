// Package npy reads and writes NumPy's .npy files, the simplest way to move
// one array between Python and Go.
//
// # The format
//
// A .npy file is a magic string, a version (1.0, 2.0 or 3.0), a header
// length, a header that is a Python dict literal such as
//
//	{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
//
// padded with spaces so the data starts at a multiple of 64 bytes, and then
// the raw elements. descr is the element type with its byte order: '<'
// little-endian, '>' big-endian, '|' not applicable (one-byte types).
//
// # The model
//
// The lowest level does not know about dl.Tensor: Read returns an *Array
// with a Shape, the DType found in the file and the elements in C
// (row-major) order in one of three slices. Floating-point data stays
// float32 or float64 (half precision is widened to float32); every integer
// type and bool becomes int64. Big-endian files and Fortran-ordered arrays
// are converted on read. Write produces little-endian C-order float32,
// float64 or int64 files, byte for byte what NumPy's np.save writes.
// ReadTensor and WriteTensor adapt to *dl.Tensor.
//
// # Errors and untrusted input
//
// Files are input, so every problem is a returned error that says what was
// wrong (bad magic, unsupported dtype, a shape whose data is not there, ...);
// Read never panics. A header can claim any shape: Read checks the declared
// byte count against the bytes actually left when it can tell (files, byte
// slices) and otherwise reads the data a chunk at a time, so memory use is
// bounded by the input, not by the header. FuzzRead checks both properties.
//
// WriteFile is atomic (temporary file, fsync, rename), so an interrupted
// notebook cell never leaves half a file behind.
package npy
