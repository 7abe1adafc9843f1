package fastblas

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchShape is one product the lessons run: C[m,n] = op(A)·op(B), inner
// dimension k.
type benchShape struct {
	name    string
	m, n, k int
	tA, tB  blas.Transpose
}

// lessonShapes are the products of the chapters' training steps (batch 20):
// fully connected forward and backward, conv via im2col (out[Cout,K] x
// cols[K,N*H*W]) forward and its two backward products, a square
// reference, and the iris layer.
var lessonShapes = []benchShape{
	{"fc1_fwd_20x784x64", 20, 64, 784, blas.NoTrans, blas.Trans},       // X·Wᵀ
	{"fc1_dW_64x20x784", 64, 784, 20, blas.Trans, blas.NoTrans},        // dYᵀ·X
	{"fc1_dX_20x64x784", 20, 784, 64, blas.NoTrans, blas.NoTrans},      // dY·W
	{"conv1_fwd_6x25x11520", 6, 11520, 25, blas.NoTrans, blas.NoTrans}, // W·cols
	{"conv1_dW_6x11520x25", 6, 25, 11520, blas.NoTrans, blas.Trans},    // dY·colsᵀ
	{"conv1_dcols_25x6x11520", 25, 11520, 6, blas.Trans, blas.NoTrans}, // Wᵀ·dY
	{"conv2_fwd_16x150x1280", 16, 1280, 150, blas.NoTrans, blas.NoTrans},
	{"conv2_dW_16x1280x150", 16, 150, 1280, blas.NoTrans, blas.Trans},
	{"conv2_dcols_150x16x1280", 150, 1280, 16, blas.Trans, blas.NoTrans},
	{"square_256", 256, 256, 256, blas.NoTrans, blas.NoTrans},
	{"iris_112x4x5", 112, 5, 4, blas.NoTrans, blas.Trans},
}

func BenchmarkSgemm(b *testing.B) {
	impls := []struct {
		name string
		impl blas.Float32
	}{{"gonum", gonum.Implementation{}}, {"fastblas", Implementation{}}}
	r := rand.New(rand.NewPCG(5, 6))
	for _, s := range lessonShapes {
		aRows, aCols := s.m, s.k
		if s.tA == blas.Trans {
			aRows, aCols = s.k, s.m
		}
		bRows, bCols := s.k, s.n
		if s.tB == blas.Trans {
			bRows, bCols = s.n, s.k
		}
		a := randSlice(r, aRows*aCols)
		bm := randSlice(r, bRows*bCols)
		c := make([]float32, s.m*s.n)
		for _, im := range impls {
			b.Run(fmt.Sprintf("%s/%s", s.name, im.name), func(b *testing.B) {
				cpu0 := cpuTime()
				for b.Loop() {
					im.impl.Sgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, aCols, bm, bCols, 0, c, s.n)
				}
				flops := 2 * float64(s.m*s.n*s.k) * float64(b.N)
				b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				// Flops per CPU-second (both goroutines' time summed): on a
				// machine shared with other jobs, wall time mostly measures
				// the other jobs; this says how much work a product is.
				b.ReportMetric(flops/(cpuTime()-cpu0).Seconds()/1e9, "GFLOP/cpu-s")
			})
		}
	}
}

// cpuTime is the user plus system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
