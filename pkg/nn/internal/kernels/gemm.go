package kernels

import (
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// is64 reports whether T is float64.
func is64[T Float]() bool {
	var z T
	return unsafe.Sizeof(z) == 8
}

// elemSize is the size in bytes of a T.
func elemSize[T Float]() int {
	if is64[T]() {
		return 8
	}
	return 4
}

// gemm computes c = op(a) op(b) (m x n, k inner), overwriting c: blas32's Sgemm for
// float32 (fastblas once pkg/tensor has installed it) and blas64's Dgemm for float64.
func gemm[T Float](ta, tb blas.Transpose, m, n, k int, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	if is64[T]() {
		blas64.Implementation().Dgemm(ta, tb, m, n, k, 1, as[float64](a), lda, as[float64](b), ldb, 0, as[float64](c), ldc)
		return
	}
	blas32.Implementation().Sgemm(ta, tb, m, n, k, 1, as[float32](a), lda, as[float32](b), ldb, 0, as[float32](c), ldc)
}

// as reinterprets s as a slice of U, which the caller has checked is T (is64), so
// that one generic kernel can hand its slices to the typed BLAS without copying.
func as[U, T Float](s []T) []U {
	return unsafe.Slice((*U)(unsafe.Pointer(unsafe.SliceData(s))), cap(s))[:len(s)]
}

// Is64 reports whether T is float64, for callers that pick a tensor's typed slice.
func Is64[T Float]() bool { return is64[T]() }

// As reinterprets s as []U; U and T must be the same type (check with Is64). It lets
// a generic caller hand a tensor's []float32 or []float64 to a kernel without a copy.
func As[U, T Float](s []T) []U { return as[U](s) }
