package fastblas

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// workerShapes are products large enough to be split: the lessons' (MNIST's fc1 and
// conv layers at batch 20 and 1000, iris at full batch), ragged ones, ones whose halves
// take the dot-product path where the whole would not (m+n just above dotMaxRows) and
// ones split along m.
var workerShapes = [][3]int{
	{20, 64, 784}, {64, 784, 20}, {20, 784, 64}, {6, 11520, 25}, {6, 25, 11520}, {25, 11520, 6},
	{16, 1280, 150}, {16, 150, 1280}, {150, 1280, 16}, {1000, 64, 784}, {1000, 10, 64},
	{200, 100, 600}, {130, 140, 700}, {301, 20, 64}, {97, 53, 1031}, {5, 7, 5000}, {256, 256, 256},
}

// sgemmDigest runs every transpose case of every workerShape (alpha 1; beta 0 and 1) and
// returns an FNV-1a hash of all the bits of C.
func sgemmDigest() uint64 {
	r := rand.New(rand.NewPCG(7, 8))
	h := fnv.New64a()
	var buf [4]byte
	for _, s := range workerShapes {
		m, n, k := s[0], s[1], s[2]
		a, b := randSlice(r, m*k), randSlice(r, k*n)
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				for _, beta := range []float32{0, 1} {
					lda, ldb := k, n
					if tA == blas.Trans {
						lda = m
					}
					if tB == blas.Trans {
						ldb = k
					}
					c := randSlice(r, m*n)
					Implementation{}.Sgemm(tA, tB, m, n, k, 1, a, lda, b, ldb, beta, c, n)
					for _, v := range c {
						u := math.Float32bits(v)
						buf[0], buf[1], buf[2], buf[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
						h.Write(buf[:])
					}
				}
			}
		}
	}
	return h.Sum64()
}

// sgemmDigestBefore is sgemmDigest with each kernel when Sgemm always split over two
// goroutines, before the worker count followed GOMAXPROCS: the committed notebooks'
// outputs were computed so, and must not change on any machine.
var sgemmDigestBefore = map[string]uint64{"go": 0xf29248dd2a4b2342, "asm": 0xcd39c1f545dc1371}

// TestSgemmBitsIndependentOfWorkers checks that every element of C has the same bits
// whatever the number of workers: a product is planned as before (the same two
// halves, each with the path its own size chooses) and only then shared out, in whole
// tiles, so no element's accumulation order depends on the machine's core count.
func TestSgemmBitsIndependentOfWorkers(t *testing.T) {
	for _, kc := range kernels(t) {
		var base uint64
		withKernel(kc.kern, 2, func() { base = sgemmDigest() })
		if want, ok := sgemmDigestBefore[kc.name]; ok && base != want {
			t.Errorf("%s kernel, 2 workers: digest %#x, want %#x as before", kc.name, base, want)
		}
		for _, w := range []int{0, 1, 3, 4, 5, 8} { // 0: the default, by work size
			withKernel(kc.kern, w, func() {
				if got := sgemmDigest(); got != base {
					t.Errorf("%s kernel, %d workers: digest %#x, want %#x (2 workers)", kc.name, w, got, base)
				}
			})
		}
	}
}
