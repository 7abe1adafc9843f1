package fastblas

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// Gather6x16 must equal Sgemm bit for bit on the same rows of B, for every k up to
// KBlock: the convolution that uses it is checked against the im2col product by its
// bits, and the lessons' committed outputs depend on that.
func TestGather6x16MatchesSgemmBits(t *testing.T) {
	if !HasGather() {
		t.Skip("no AVX2/FMA on this CPU: Gather6x16 is not used here")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{1, 2, 7, 25, 150, KBlock} {
		for _, hi := range []int{8, 40, -24} {
			src := make([]float32, 64*k+200)
			for i := range src {
				src[i] = float32(r.NormFloat64())
			}
			offs := make([]int, k)
			bm := make([]float32, k*16) // the gathered rows as a plain k x 16 matrix
			for p := range offs {
				offs[p] = 32 + r.IntN(len(src)-80)
				copy(bm[p*16:p*16+8], src[offs[p]:offs[p]+8])
				copy(bm[p*16+8:p*16+16], src[offs[p]+hi:offs[p]+hi+8])
			}
			am := make([]float32, 6*k) // A, 6 x k row-major
			for i := range am {
				am[i] = float32(r.NormFloat64())
			}
			panel := make([]float32, 6*k)
			packA(panel, am, k, false, 0, 0, 6, k, 1)
			got := make([]float32, 6*20)
			Gather6x16(k, panel, src, offs, hi, got, 20)
			want := make([]float32, 6*16)
			Implementation{}.Sgemm(blas.NoTrans, blas.NoTrans, 6, 16, k, 1, am, k, bm, 16, 0, want, 16)
			for i := 0; i < 6; i++ {
				for j := 0; j < 16; j++ {
					if g, w := got[i*20+j], want[i*16+j]; math.Float32bits(g) != math.Float32bits(w) {
						t.Fatalf("k %d hi %d: C[%d][%d] = %v, Sgemm gives %v", k, hi, i, j, g, w)
					}
				}
			}
		}
	}
}

func TestGather6x16RejectsOutOfRange(t *testing.T) {
	if !HasGather() {
		t.Skip("no AVX2/FMA on this CPU")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("an offset past the end of b did not panic")
		}
	}()
	b := make([]float32, 32)
	Gather6x16(1, make([]float32, 6), b, []int{20}, 8, make([]float32, 96), 16)
}

// GatherDotNT must equal Sgemm(NoTrans, Trans) bit for bit where Sgemm takes its
// dot-product path: the shapes of the lessons' convolution weight gradients and odd
// ones (odd m, n not a multiple of 4, several k blocks, a short last block).
func TestGatherDotNTMatchesSgemmBits(t *testing.T) {
	if !HasGather() {
		t.Skip("no AVX2/FMA on this CPU: GatherDotNT is not used here")
	}
	r := rand.New(rand.NewPCG(9, 10))
	for _, c := range []struct{ m, n, k int }{{6, 25, 11520}, {16, 150, 1280}, {5, 7, 2112}, {1, 1, 512}, {3, 10, 1032}} {
		if !DotPathNT(c.m, c.n, c.k) {
			t.Fatalf("%+v: not a dot-path product; pick another shape", c)
		}
		src := make([]float32, c.k+4096)
		for i := range src {
			src[i] = float32(r.NormFloat64())
		}
		chunks := make([]int, c.k/8)
		for q := range chunks {
			chunks[q] = r.IntN(2048)
		}
		offs := make([]int, c.n)
		for t := range offs {
			offs[t] = r.IntN(2048)
		}
		bm := make([]float32, c.n*c.k) // B's rows laid out contiguously
		for t := 0; t < c.n; t++ {
			for q, base := range chunks {
				copy(bm[t*c.k+8*q:t*c.k+8*q+8], src[base+offs[t]:base+offs[t]+8])
			}
		}
		am := make([]float32, c.m*c.k)
		for i := range am {
			am[i] = float32(r.NormFloat64())
		}
		got := make([]float32, c.m*c.n)
		for i := range got {
			got[i] = float32(math.NaN()) // overwritten, not added to
		}
		GatherDotNT(c.m, c.n, c.k, am, c.k, src, chunks, offs, got, c.n)
		want := make([]float32, c.m*c.n)
		Implementation{}.Sgemm(blas.NoTrans, blas.Trans, c.m, c.n, c.k, 1, am, c.k, bm, c.k, 0, want, c.n)
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%+v: C[%d] = %v, Sgemm gives %v", c, i, got[i], want[i])
			}
		}
	}
}
