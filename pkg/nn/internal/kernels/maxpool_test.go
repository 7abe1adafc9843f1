package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// naiveMaxPool pads the input with -inf explicitly and takes window maxima: the
// definition PyTorch documents.
func naiveMaxPool[T Float](g PoolGeom, x []T) ([]T, []int32) {
	oh, ow := g.OH(), g.OW()
	dh, dw := max(g.DH, 1), max(g.DW, 1)
	y := make([]T, g.N*g.C*oh*ow)
	idx := make([]int32, len(y))
	for pl := 0; pl < g.N*g.C; pl++ {
		for r := 0; r < oh; r++ {
			for c := 0; c < ow; c++ {
				best, at := T(math.Inf(-1)), int32(-1)
				for ki := 0; ki < g.KH; ki++ {
					for kj := 0; kj < g.KW; kj++ {
						h, w := r*g.SH-g.PH+ki*dh, c*g.SW-g.PW+kj*dw
						if h < 0 || h >= g.H || w < 0 || w >= g.W {
							continue // -inf never wins
						}
						if v := x[(pl*g.H+h)*g.W+w]; v > best || at < 0 {
							best, at = v, int32(h*g.W+w)
						}
					}
				}
				y[(pl*oh+r)*ow+c] = best
				idx[(pl*oh+r)*ow+c] = at
			}
		}
	}
	return y, idx
}

func TestMaxPoolMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := []PoolGeom{
		{N: 2, C: 3, H: 24, W: 24, KH: 2, KW: 2, SH: 2, SW: 2},
		{N: 4, C: 2, H: 4, W: 4, KH: 2, KW: 2, SH: 2, SW: 2, PH: 1, PW: 1},
		{N: 1, C: 1, H: 7, W: 5, KH: 3, KW: 2, SH: 1, SW: 2, PH: 1, PW: 1},
		{N: 3, C: 2, H: 9, W: 9, KH: 3, KW: 3, SH: 2, SW: 2, PH: 1, PW: 0},
		{N: 1, C: 40, H: 8, W: 8, KH: 2, KW: 2, SH: 2, SW: 2},
		{N: 2, C: 3, H: 7, W: 9, KH: 2, KW: 2, SH: 2, SW: 2}, // odd sizes: last row and column unused
		{N: 2, C: 2, H: 7, W: 9, KH: 2, KW: 3, SH: 1, SW: 2, PH: 1, PW: 0},
		{N: 2, C: 2, H: 9, W: 8, KH: 3, KW: 2, SH: 2, SW: 1, PH: 1, PW: 1, DH: 2, DW: 3},
		{N: 1, C: 2, H: 6, W: 6, KH: 2, KW: 2, SH: 2, SW: 2, DH: 2, DW: 2},
	}
	t.Run("float32", func(t *testing.T) { testMaxPoolMatchesNaive[float32](t, r, cases) })
	t.Run("float64", func(t *testing.T) { testMaxPoolMatchesNaive[float64](t, r, cases) })
}

func testMaxPoolMatchesNaive[T Float](t *testing.T, r *rand.Rand, cases []PoolGeom) {
	for _, g := range cases {
		t.Run(fmt.Sprintf("%+v", g), func(t *testing.T) {
			g.Check("test")
			x := randOf[T](r, g.N*g.C*g.H*g.W)
			// Coarse values make ties common, which tests the first-wins rule.
			for i := range x {
				x[i] = T(math.Round(float64(x[i])))
			}
			oh, ow := g.OH(), g.OW()
			y := make([]T, g.N*g.C*oh*ow)
			idx := make([]int32, len(y))
			MaxPoolForward(g, x, y, idx)
			wy, widx := naiveMaxPool(g, x)
			for i := range y {
				// Bits, not ==: the sign of a zero maximum must be the first's too.
				if math.Float64bits(float64(y[i])) != math.Float64bits(float64(wy[i])) {
					t.Fatalf("y[%d] = %v, want %v", i, y[i], wy[i])
				}
			}
			for i := range idx {
				if idx[i] != widx[i] {
					t.Fatalf("idx[%d] = %d, want %d", i, idx[i], widx[i])
				}
			}
			dy := randOf[T](r, len(y))
			dx := make([]T, len(x))
			for i := range dx {
				dx[i] = 7 // must be overwritten
			}
			MaxPoolBackward(g, dy, idx, dx)
			want := make([]T, len(x))
			for i, at := range widx {
				pl := i / (oh * ow)
				want[pl*g.H*g.W+int(at)] += dy[i]
			}
			assertClose(t, "dx", dx, want, 1e-6)
		})
	}
}

// Zeros of both signs tie: the first in the window wins with its own sign, as in the
// general loop (max alone would give +0).
func TestMaxPool2x2ZeroSigns(t *testing.T) {
	neg := float32(math.Copysign(0, -1))
	g := PoolGeom{N: 1, C: 1, H: 2, W: 8, KH: 2, KW: 2, SH: 2, SW: 2}
	x := []float32{
		neg, 0, -1, neg, 0, neg, -5, -6,
		-1, -2, 0, -3, -1, -1, neg, -7,
	}
	y := make([]float32, 4)
	idx := make([]int32, 4)
	MaxPoolForward(g, x, y, idx)
	wantNeg := []bool{true, true, false, true}
	wantIdx := []int32{0, 3, 4, 14}
	for i := range y {
		if y[i] != 0 || math.Signbit(float64(y[i])) != wantNeg[i] || idx[i] != wantIdx[i] {
			t.Fatalf("window %d: got %v at %d, want %szero at %d", i, y[i], idx[i], map[bool]string{true: "-", false: "+"}[wantNeg[i]], wantIdx[i])
		}
	}
}

// Chapter 8: 2x2 max pooling of the cross's feature maps gives [[9]] without padding
// and [[5, 5], [5, 9]] for the padded map.
func TestMaxPoolChapter8(t *testing.T) {
	small := []float32{5, -7, 5, -7, 9, -7, 5, -7, 5}
	padded := []float32{
		4, -4, 4, -4, 4,
		-4, 5, -7, 5, -4,
		4, -7, 9, -7, 4,
		-4, 5, -7, 5, -4,
		4, -4, 4, -4, 4,
	}
	for _, tc := range []struct {
		x    []float32
		side int
		want []float32
	}{{small, 3, []float32{9}}, {padded, 5, []float32{5, 5, 5, 9}}} {
		g := PoolGeom{N: 1, C: 1, H: tc.side, W: tc.side, KH: 2, KW: 2, SH: 2, SW: 2}
		y := make([]float32, g.OH()*g.OW())
		MaxPoolForward(g, tc.x, y, make([]int32, len(y)))
		assertClose(t, "pool", y, tc.want, 0)
	}
}

func TestMaxPoolNaNPropagates(t *testing.T) {
	nan := float32(math.NaN())
	// The 2x2 fast path and the general loop (3x3 window, stride 1, padding 1).
	for _, g := range []PoolGeom{
		{N: 1, C: 1, H: 2, W: 2, KH: 2, KW: 2, SH: 2, SW: 2},
		{N: 1, C: 1, H: 2, W: 2, KH: 3, KW: 3, SH: 3, SW: 3, PH: 1, PW: 1},
	} {
		for _, c := range []struct {
			nans []int
			want int32
		}{{[]int{0}, 0}, {[]int{1}, 1}, {[]int{2}, 2}, {[]int{3}, 3}, {[]int{1, 3}, 1}} {
			x := []float32{1, 7, 5, 2}
			for _, i := range c.nans {
				x[i] = nan
			}
			y := make([]float32, 1)
			idx := make([]int32, 1)
			MaxPoolForward(g, x, y, idx)
			if !math.IsNaN(float64(y[0])) || idx[0] != c.want {
				t.Fatalf("%+v, NaNs at %v: got %v at %d, want NaN at %d", g, c.nans, y[0], idx[0], c.want)
			}
		}
	}
}

func TestPoolCheckRejectsWidePadding(t *testing.T) {
	defer func() {
		// PyTorch 1.13 words, naming the padding and the kernel size.
		want := "MaxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2"
		if msg := fmt.Sprint(recover()); msg != want {
			t.Fatalf("panic %q, want %q", msg, want)
		}
	}()
	PoolGeom{N: 1, C: 1, H: 4, W: 4, KH: 2, KW: 2, SH: 2, SW: 2, PH: 2, PW: 2}.Check("MaxPool2d")
}

// A dilated window can see only padding (PyTorch: 2x2 input, kernel 2, padding 1,
// dilation 3): its maximum is -inf, as in PyTorch, and it passes no gradient.
func TestMaxPoolWindowOfPaddingOnly(t *testing.T) {
	g := PoolGeom{N: 1, C: 1, H: 2, W: 2, KH: 2, KW: 2, SH: 1, SW: 1, PH: 1, PW: 1, DH: 3, DW: 3}
	g.Check("test")
	if g.OH() != 1 || g.OW() != 1 {
		t.Fatalf("output %dx%d, want 1x1", g.OH(), g.OW())
	}
	x := []float64{0, 1, 2, 3}
	y, idx := make([]float64, 1), make([]int32, 1)
	MaxPoolForward(g, x, y, idx)
	if !math.IsInf(y[0], -1) {
		t.Fatalf("got %v, want -inf", y[0])
	}
	dx := []float64{9, 9, 9, 9}
	MaxPoolBackward(g, []float64{1}, idx, dx)
	for _, v := range dx {
		if v != 0 {
			t.Fatalf("gradient %v, want zeros", dx)
		}
	}
}
