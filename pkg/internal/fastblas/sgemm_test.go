package fastblas

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// refGemm is the definition of Sgemm evaluated in float64: C = alpha*op(A)*op(B) +
// beta*C, where op(A)[i][p] is a[i*lda+p], or a[p*lda+i] when aT (likewise B).
func refGemm(aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) []float64 {
	out := make([]float64, len(c))
	for i := range c {
		out[i] = float64(c[i])
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for p := 0; p < k; p++ {
				s += opElem(a, lda, aT, i, p) * opElem(b, ldb, bT, p, j)
			}
			if beta == 0 {
				out[i*ldc+j] = float64(alpha) * s
			} else {
				out[i*ldc+j] = float64(alpha)*s + float64(beta)*float64(c[i*ldc+j])
			}
		}
	}
	return out
}

// opElem is element (r, c) of op(X) for the row-major matrix x with leading dimension
// ld: x[r*ld+c], or x[c*ld+r] when trans (op(X) is X transposed).
func opElem(x []float32, ld int, trans bool, r, c int) float64 {
	if trans {
		r, c = c, r
	}
	return float64(x[r*ld+c])
}

func randSlice(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.Float64()*2 - 1)
	}
	return s
}

// withKernel runs f with the given micro-kernel (and the matching dot
// kernel) and worker count, restoring
// the package defaults afterwards.
func withKernel(kern func(int, []float32, []float32, int, []float32, int, bool), w int, f func()) {
	oldK, oldD, oldW := microKernel, dotKernel, workers
	microKernel, workers = kern, w
	if kern == nil {
		microKernel, dotKernel = goKernel, goDot2x4
	}
	defer func() { microKernel, dotKernel, workers = oldK, oldD, oldW }()
	f()
}

type kernelCase struct {
	name string
	kern func(int, []float32, []float32, int, []float32, int, bool)
}

func kernels(t *testing.T) []kernelCase {
	ks := []kernelCase{{"go", nil}}
	if hasAVX2FMA {
		ks = append(ks, kernelCase{"asm", microKernel})
	} else {
		t.Log("CPU lacks AVX2/FMA: only the Go kernel is tested")
	}
	return ks
}

// checkGemm runs one Sgemm and compares every element of C (inside and
// outside the m x n window, which must be untouched) with the reference.
func checkGemm(t *testing.T, r *rand.Rand, aT, bT bool, m, n, k, padA, padB, padC int, alpha, beta float32) {
	t.Helper()
	lda := k + padA
	if aT {
		lda = m + padA
	}
	ldb := n + padB
	if bT {
		ldb = k + padB
	}
	ldc := n + padC
	lda, ldb, ldc = max(lda, 1), max(ldb, 1), max(ldc, 1)
	aRows, bRows := m, k
	if aT {
		aRows = k
	}
	if bT {
		bRows = n
	}
	a := randSlice(r, aRows*lda)
	b := randSlice(r, bRows*ldb)
	c := randSlice(r, m*ldc)
	if beta == 0 && m > 0 && n > 0 {
		// BLAS must not propagate NaN from C when beta is zero.
		c[0] = float32(math.NaN())
	}
	orig := append([]float32(nil), c...)
	want := refGemm(aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	tr := func(x bool) blas.Transpose {
		if x {
			return blas.Trans
		}
		return blas.NoTrans
	}
	Implementation{}.Sgemm(tr(aT), tr(bT), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	tol := 1e-5 * float64(k+1)
	for idx := range c {
		i, j := idx/ldc, idx%ldc
		if j >= n {
			// Padding columns must be left exactly as they were.
			if math.Float32bits(c[idx]) != math.Float32bits(orig[idx]) {
				t.Fatalf("aT=%v bT=%v m=%d n=%d k=%d: padding C[%d,%d] changed to %v from %v", aT, bT, m, n, k, i, j, c[idx], orig[idx])
			}
			continue
		}
		w := want[idx]
		if d := math.Abs(float64(c[idx]) - w); !(d <= tol*(1+math.Abs(w))) {
			t.Fatalf("aT=%v bT=%v m=%d n=%d k=%d lda=%d ldb=%d ldc=%d alpha=%v beta=%v: C[%d,%d] = %v, want %v",
				aT, bT, m, n, k, lda, ldb, ldc, alpha, beta, i, j, c[idx], w)
		}
	}
}

func TestSgemmMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := [][3]int{
		{0, 0, 0}, {0, 5, 3}, {4, 0, 3}, {3, 4, 0}, {1, 1, 1}, {5, 7, 3},
		{6, 16, 1}, {7, 17, 9}, {13, 31, 257}, {20, 64, 784 / 4}, {2, 100, 5},
		{112, 5, 4}, {37, 40, 300}, {64, 33, 20}, {75, 19, 70},
		{3, 5, 2051}, {6, 25, 4100}, {7, 9, 512}, {1, 1, 1030}, {16, 150, 1280}, {2, 3, 1023}, {5, 6, 511}, {20, 64, 784},
	}
	scalars := [][2]float32{{1, 0}, {1, 1}, {-0.5, 2}, {0, 0.5}, {1.5, 0}}
	for _, kc := range kernels(t) {
		for _, w := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/workers=%d", kc.name, w), func(t *testing.T) {
				withKernel(kc.kern, w, func() {
					for _, s := range sizes {
						for _, aT := range []bool{false, true} {
							for _, bT := range []bool{false, true} {
								for pi, sc := range scalars {
									pad := pi % 3 // vary strides with the scalars
									checkGemm(t, r, aT, bT, s[0], s[1], s[2], pad, 2*pad, pad+1, sc[0], sc[1])
								}
							}
						}
					}
				})
			})
		}
	}
}

// TestSgemmParallelSplits forces the split into two halves (with two workers) along n and along m
// at sizes above parallelFlops, with ragged edges on both sides.
func TestSgemmParallelSplits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, kc := range kernels(t) {
		withKernel(kc.kern, 2, func() {
			for _, s := range [][3]int{{6, 11520 / 8, 25}, {16, 1283, 150}, {301, 20, 64}, {64, 784, 20}, {20, 784, 64}, {6, 25, 11520 / 4}, {5, 7, 5000}, {16, 150, 1280}} {
				for _, aT := range []bool{false, true} {
					for _, bT := range []bool{false, true} {
						checkGemm(t, r, aT, bT, s[0], s[1], s[2], 1, 3, 2, 1, 1)
					}
				}
			}
		})
	}
}

func TestSgemmInvalidArgumentsPanicLikeGonum(t *testing.T) {
	a := make([]float32, 6)
	cases := []struct {
		name string
		f    func(impl blas.Float32)
	}{
		{"bad transpose", func(impl blas.Float32) {
			impl.Sgemm('x', blas.NoTrans, 2, 3, 1, 1, a, 1, a, 3, 0, a, 3)
		}},
		{"negative m", func(impl blas.Float32) { impl.Sgemm(blas.NoTrans, blas.NoTrans, -1, 3, 1, 1, a, 1, a, 3, 0, a, 3) }},
		{"small lda", func(impl blas.Float32) { impl.Sgemm(blas.NoTrans, blas.NoTrans, 2, 3, 2, 1, a, 1, a, 3, 0, a, 3) }},
		{"small ldc", func(impl blas.Float32) { impl.Sgemm(blas.NoTrans, blas.NoTrans, 2, 3, 1, 1, a, 1, a, 3, 0, a, 2) }},
		{"short c", func(impl blas.Float32) { impl.Sgemm(blas.NoTrans, blas.NoTrans, 2, 3, 1, 1, a, 1, a, 3, 0, a[:5], 3) }},
	}
	catch := func(f func()) (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		f()
		return ""
	}
	for _, tc := range cases {
		got := catch(func() { tc.f(Implementation{}) })
		want := catch(func() { tc.f(gonum.Implementation{}) })
		if got != want || !strings.HasPrefix(got, "blas: ") {
			t.Errorf("%s: panic %q, want gonum's %q", tc.name, got, want)
		}
	}
}
