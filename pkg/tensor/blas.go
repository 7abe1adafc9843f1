package tensor

import "github.com/kosaku-dl/kosaku/pkg/internal/fastblas"

// Every float32 MatMul goes through gonum's blas32; installing fastblas there
// gives the packed AVX2 Sgemm (with a portable fallback) measured in its doc. This
// is process-wide: every blas32 user in the program gets it (see the package doc).
func init() { fastblas.Use() }
