package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// convTaps calls tap for every product a convolution (cross-correlation, as PyTorch
// computes it) sums, in the definition's loop order — image, output channel, output
// row, output column, then input channel, kernel row, kernel column: output element yi
// adds input element xi times weight wi. Taps that fall in the padding are skipped.
func convTaps(g ConvGeom, tap func(yi, xi, wi int)) {
	oh, ow := g.OH(), g.OW()
	dh, dw := max(g.DH, 1), max(g.DW, 1)
	for n := 0; n < g.N; n++ {
		for oc := 0; oc < g.OC; oc++ {
			for r := 0; r < oh; r++ {
				for c := 0; c < ow; c++ {
					yi := ((n*g.OC+oc)*oh+r)*ow + c
					for ic := 0; ic < g.C; ic++ {
						for ki := 0; ki < g.KH; ki++ {
							for kj := 0; kj < g.KW; kj++ {
								ih, iw := r*g.SH-g.PH+ki*dh, c*g.SW-g.PW+kj*dw
								if ih < 0 || ih >= g.H || iw < 0 || iw >= g.W {
									continue
								}
								tap(yi, ((n*g.C+ic)*g.H+ih)*g.W+iw, ((oc*g.C+ic)*g.KH+ki)*g.KW+kj)
							}
						}
					}
				}
			}
		}
	}
}

// outChannel is the output channel of output element yi.
func outChannel(g ConvGeom, yi int) int { return yi / (g.OH() * g.OW()) % g.OC }

// naiveConv is the definition of a convolution, summed in float64 tap by tap from the
// bias, for comparison.
func naiveConv[T Float](g ConvGeom, x, w, b []T) []T {
	y := make([]float64, g.N*g.OC*g.OH()*g.OW())
	if b != nil {
		for yi := range y {
			y[yi] = float64(b[outChannel(g, yi)])
		}
	}
	convTaps(g, func(yi, xi, wi int) { y[yi] += float64(x[xi]) * float64(w[wi]) })
	return toT[T](y)
}

// naiveConvGrads differentiates sum(dy * conv(x, w, b)) tap by tap.
func naiveConvGrads[T Float](g ConvGeom, x, w, dy []T) (dx, dw, db []T) {
	dx64 := make([]float64, len(x))
	dw64 := make([]float64, len(w))
	db64 := make([]float64, g.OC)
	for yi, d := range dy {
		db64[outChannel(g, yi)] += float64(d)
	}
	convTaps(g, func(yi, xi, wi int) {
		d := float64(dy[yi])
		dx64[xi] += d * float64(w[wi])
		dw64[wi] += d * float64(x[xi])
	})
	return toT[T](dx64), toT[T](dw64), toT[T](db64)
}

func toT[T Float](v []float64) []T {
	out := make([]T, len(v))
	for i, f := range v {
		out[i] = T(f)
	}
	return out
}

func randSlice(r *rand.Rand, n int) []float32 { return randOf[float32](r, n) }

func randOf[T Float](r *rand.Rand, n int) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = T(r.NormFloat64())
	}
	return s
}

func assertClose[T Float](t *testing.T, what string, got, want []T, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i] - want[i])); d > tol*(1+math.Abs(float64(want[i]))) || math.IsNaN(float64(got[i])) {
			t.Fatalf("%s[%d] = %g, want %g", what, i, got[i], want[i])
		}
	}
}

var convCases = []ConvGeom{
	{N: 1, C: 1, H: 5, W: 5, OC: 1, KH: 3, KW: 3, SH: 1, SW: 1},
	{N: 4, C: 1, H: 4, W: 4, OC: 2, KH: 3, KW: 3, SH: 1, SW: 1, PH: 1, PW: 1},
	{N: 3, C: 2, H: 7, W: 6, OC: 3, KH: 3, KW: 2, SH: 2, SW: 3, PH: 1, PW: 2},
	{N: 2, C: 3, H: 9, W: 8, OC: 4, KH: 4, KW: 3, SH: 3, SW: 2, PH: 2, PW: 0},
	{N: 5, C: 6, H: 12, W: 12, OC: 16, KH: 5, KW: 5, SH: 1, SW: 1},
	{N: 3, C: 1, H: 28, W: 28, OC: 6, KH: 5, KW: 5, SH: 1, SW: 1},
	{N: 2, C: 2, H: 3, W: 3, OC: 2, KH: 3, KW: 3, SH: 1, SW: 1, PH: 3, PW: 3}, // taps wholly in the padding
	{N: 1, C: 1, H: 1, W: 1, OC: 1, KH: 1, KW: 1, SH: 1, SW: 1},
	// Non-square kernel, stride and padding (torch's kernel (3, 5), stride (2, 1),
	// padding (1, 2)), and dilated kernels, one with taps that skip the whole input.
	{N: 2, C: 2, H: 7, W: 8, OC: 3, KH: 3, KW: 5, SH: 2, SW: 1, PH: 1, PW: 2},
	{N: 2, C: 2, H: 9, W: 8, OC: 2, KH: 3, KW: 2, SH: 1, SW: 2, PH: 1, PW: 0, DH: 2, DW: 3},
	{N: 1, C: 1, H: 4, W: 4, OC: 2, KH: 2, KW: 2, SH: 1, SW: 1, PH: 3, PW: 3, DH: 4, DW: 5},
}

func TestConvForwardBackwardMatchNaive(t *testing.T) {
	t.Run("float32", func(t *testing.T) {
		// dw and db sum N*OH*OW products in float32 (up to 1728 here): allow for the
		// rounding of such long sums.
		testConvMatchesNaive[float32](t, 1e-5, 2e-4)
	})
	t.Run("float64", func(t *testing.T) { testConvMatchesNaive[float64](t, 1e-12, 1e-12) })
}

func testConvMatchesNaive[T Float](t *testing.T, tol, sumTol float64) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, g := range convCases {
		for _, bias := range []bool{true, false} {
			t.Run(fmt.Sprintf("%+v/bias=%v", g, bias), func(t *testing.T) {
				g.Check("test")
				x := randOf[T](r, g.N*g.C*g.H*g.W)
				w := randOf[T](r, g.OC*g.C*g.KH*g.KW)
				var b []T
				if bias {
					b = randOf[T](r, g.OC)
				}
				oh, ow := g.OH(), g.OW()
				y := make([]T, g.N*g.OC*oh*ow)
				col := make([]T, g.ColRows()*g.ColCols())
				tmp := make([]T, g.OC*g.ColCols())
				ConvForward(g, x, w, b, y, col, tmp)
				assertClose(t, "y", y, naiveConv(g, x, w, b), tol)

				dy := randOf[T](r, len(y))
				dx := make([]T, len(x))
				for i := range dx {
					dx[i] = 99 // must be overwritten, not accumulated into
				}
				dw := make([]T, len(w))
				db := make([]T, g.OC)
				dcol := make([]T, len(col))
				ConvBackward(g, dy, w, col, dx, dw, db, tmp, dcol)
				wdx, wdw, wdb := naiveConvGrads(g, x, w, dy)
				assertClose(t, "dx", dx, wdx, tol)
				assertClose(t, "dw", dw, wdw, sumTol)
				assertClose(t, "db", db, wdb, sumTol)
			})
		}
	}
}

// A dilated kernel reads the input DH, DW apart: output (0, 0) of a 3x3 kernel with
// dilation 2 on a 5x5 input is the sum of the input's corners, centre and edge
// midpoints, computed here by hand.
func TestConvDilationByHand(t *testing.T) {
	x := make([]float64, 25)
	for i := range x {
		x[i] = float64(i)
	}
	w := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	g := ConvGeom{N: 1, C: 1, H: 5, W: 5, OC: 1, KH: 3, KW: 3, SH: 1, SW: 1, DH: 2, DW: 2}
	if g.OH() != 1 || g.OW() != 1 {
		t.Fatalf("output %dx%d, want 1x1", g.OH(), g.OW())
	}
	y := make([]float64, 1)
	ConvForward(g, x, w, nil, y, make([]float64, g.ColRows()*g.ColCols()), make([]float64, g.ColCols()))
	if want := 0. + 2 + 4 + 10 + 12 + 14 + 20 + 22 + 24; y[0] != want {
		t.Fatalf("got %v, want %v", y[0], want)
	}
}

func TestFreeListsKeepTypesApart(t *testing.T) {
	a := Get[float64](100)
	if len(a) != 100 || cap(a) != 128 {
		t.Fatalf("float64 buffer: len %d cap %d, want 100 and 128", len(a), cap(a))
	}
	Put(a)
	b := Get[float32](100) // same size class, other type: must not be a's memory
	if len(b) != 100 || cap(b) != 128 {
		t.Fatalf("float32 buffer: len %d cap %d", len(b), cap(b))
	}
	b[99] = 1
	if c := Get[float64](100); &c[0] != &a[0] {
		t.Fatal("the freed float64 buffer was not reused for float64")
	}
}

// The chapter 8 numbers: the 5x5 cross convolved with the 3x3 cross kernel.
func TestConvChapter8Cross(t *testing.T) {
	cross := []float32{
		1, -1, -1, -1, 1,
		-1, 1, -1, 1, -1,
		-1, -1, 1, -1, -1,
		-1, 1, -1, 1, -1,
		1, -1, -1, -1, 1,
	}
	kernel := []float32{1, -1, 1, -1, 1, -1, 1, -1, 1}
	for _, tc := range []struct {
		pad  int
		want []float32
	}{
		{0, []float32{5, -7, 5, -7, 9, -7, 5, -7, 5}},
		{1, []float32{
			4, -4, 4, -4, 4,
			-4, 5, -7, 5, -4,
			4, -7, 9, -7, 4,
			-4, 5, -7, 5, -4,
			4, -4, 4, -4, 4,
		}},
	} {
		g := ConvGeom{N: 1, C: 1, H: 5, W: 5, OC: 1, KH: 3, KW: 3, SH: 1, SW: 1, PH: tc.pad, PW: tc.pad}
		y := make([]float32, g.OH()*g.OW())
		ConvForward(g, cross, kernel, nil, y, make([]float32, g.ColRows()*g.ColCols()), make([]float32, g.ColCols()))
		for i := range y {
			if y[i] != tc.want[i] {
				t.Fatalf("padding %d: got %v, want %v", tc.pad, y, tc.want)
			}
		}
	}
}

func TestCheckPanicsNamingOp(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); msg != "Conv2d: kernel 5x5 is larger than the padded input 4x4" {
			t.Fatalf("panic %q", msg)
		}
	}()
	ConvGeom{N: 1, C: 1, H: 4, W: 4, OC: 1, KH: 5, KW: 5, SH: 1, SW: 1}.Check("Conv2d")
}

func TestCheckPanicsNamingDilatedKernel(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); msg != "Conv2d: kernel 3x3 (dilated 5x5) is larger than the padded input 4x4" {
			t.Fatalf("panic %q", msg)
		}
	}()
	ConvGeom{N: 1, C: 1, H: 4, W: 4, OC: 1, KH: 3, KW: 3, SH: 1, SW: 1, DH: 2, DW: 2}.Check("Conv2d")
}

func TestValidRange(t *testing.T) {
	// Brute force over small cases: the range must be exactly the valid positions.
	for off := -4; off <= 4; off++ {
		for size := 1; size <= 5; size++ {
			for stride := 1; stride <= 3; stride++ {
				for n := 0; n <= 6; n++ {
					lo, hi := validRange(off, size, stride, n)
					for o := 0; o < n; o++ {
						in := o*stride - off
						valid := in >= 0 && in < size
						if valid != (o >= lo && o < hi) {
							t.Fatalf("validRange(%d,%d,%d,%d) = [%d,%d), position %d valid=%v", off, size, stride, n, lo, hi, o, valid)
						}
					}
				}
			}
		}
	}
}

func TestPoolReusesBuffers(t *testing.T) {
	a := Floats(1000)
	if len(a) != 1000 || cap(a) != 1024 {
		t.Fatalf("len %d cap %d", len(a), cap(a))
	}
	a[0] = 42
	PutFloats(a)
	b := Floats(600)
	if &b[:1][0] != &a[:1][0] {
		t.Fatal("a freed buffer of the same size class was not reused")
	}
	PutFloats(b)
	allocs := testing.AllocsPerRun(100, func() { PutFloats(Floats(1000)) })
	if allocs != 0 {
		t.Fatalf("%v allocations per get/put, want 0", allocs)
	}
}
