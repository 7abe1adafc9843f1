package fastblas_test

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/kosaku-dl/kosaku/pkg/internal/fastblas"
)

// After Use, gonum's blas32 package (and everything built on it) computes
// float32 products with fastblas.
func ExampleUse() {
	fastblas.Use()
	a := blas32.General{Rows: 2, Cols: 3, Stride: 3, Data: []float32{1, 2, 3, 4, 5, 6}}
	b := blas32.General{Rows: 3, Cols: 2, Stride: 2, Data: []float32{7, 8, 9, 10, 11, 12}}
	c := blas32.General{Rows: 2, Cols: 2, Stride: 2, Data: make([]float32, 4)}
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, b, 0, c)
	fmt.Println(c.Data)
	// Output: [58 64 139 154]
}

// Sgemm follows gonum's row-major convention: here C = 2·Aᵀ·B + C.
func ExampleImplementation_Sgemm() {
	a := []float32{1, 2, 3, 4} // 2x2, used transposed
	b := []float32{1, 0, 0, 1} // identity
	c := []float32{1, 1, 1, 1}
	fastblas.Implementation{}.Sgemm(blas.Trans, blas.NoTrans, 2, 2, 2, 2, a, 2, b, 2, 1, c, 2)
	fmt.Println(c)
	// Output: [3 7 5 9]
}
