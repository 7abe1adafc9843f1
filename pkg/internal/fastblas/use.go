package fastblas

import "gonum.org/v1/gonum/blas/blas32"

// Use installs Implementation as gonum's float32 BLAS (blas32.Use), so every
// blas32 call in the process, pkg/tensor's MatMul included, goes through it.
func Use() {
	blas32.Use(Implementation{})
}
