// Package cuda is the start of gendl's NVIDIA GPU backend. Importing it for
// its side effect registers the "cuda" device kind with package dl:
//
//	import _ "github.com/gendl/gendl/dl/cuda"
//
// It loads the driver library (libcuda.so.1) at run time with purego, so
// building needs neither cgo headers nor the CUDA toolkit, and a machine
// without a GPU gets a clear error instead of a failed build. The package
// is separate from dl because the loader links the cgo runtime: programs
// (and notebook cells) that never ask for a GPU stay pure Go and compile
// fast.
//
// What works in this version: finding and initialising the driver,
// counting devices, reading their names, compute capability and memory,
// and reporting precisely why a GPU cannot be used (no driver library, no
// device, driver too old), which is what dl.DeviceStatus and
// dl.CUDAAvailable return. Tensor storage on the GPU, the kernels (NVRTC
// from embedded CUDA C, cuBLAS for matmul) and op dispatch are not
// implemented yet; dl.Tensor.ToDevice says so.
//
// The driver library is found by its standard name, or at the path in
// $GENDL_LIBCUDA.
package cuda
