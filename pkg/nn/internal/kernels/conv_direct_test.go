package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"

	"github.com/kosaku-dl/kosaku/pkg/internal/fastblas"
)

// useFastblas makes blas32 the product the lessons use (pkg/tensor installs fastblas
// on import, which this package's tests do not) until t ends.
func useFastblas(t *testing.T) {
	prev := blas32.Implementation()
	blas32.Use(fastblas.Implementation{})
	t.Cleanup(func() { blas32.Use(prev) })
}

// The direct convolution must give the im2col product's results bit for bit: the
// lessons' committed outputs were computed with the latter.
func TestConvForwardDirectBits(t *testing.T) {
	cases := []ConvGeom{
		benchConv1, // chapter 8's conv1: 1 -> 6 channels, 28x28 -> 24x24
		benchConv2, // conv2: 6 -> 16, 12x12 -> 8x8
		{N: 3, C: 2, H: 10, W: 19, OC: 7, KH: 3, KW: 4, SH: 1, SW: 1}, // 8x16 outputs, a ragged panel
		{N: 1, C: 3, H: 8, W: 8, OC: 13, KH: 1, KW: 1, SH: 1, SW: 1},
		{N: 2, C: 10, H: 12, W: 12, OC: 4, KH: 5, KW: 5, SH: 1, SW: 1}, // k = 250, just under the block
	}
	eachDirectCase(t, cases, CanDirect[float32], rand.New(rand.NewPCG(5, 6)), func(t *testing.T, r *rand.Rand, g ConvGeom, x, w []float32) {
		for _, b := range [][]float32{nil, randSlice(r, g.OC)} {
			want := make([]float32, g.N*g.OC*g.OH()*g.OW())
			ConvForward(g, x, w, b, want, make([]float32, g.ColRows()*g.ColCols()), make([]float32, g.OC*g.ColCols()))
			got := make([]float32, len(want))
			for i := range got {
				got[i] = float32(math.NaN()) // every output must be written
			}
			ConvForwardDirect(g, x, w, b, got)
			for i := range want {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
					t.Fatalf("bias %v: y[%d] = %v, im2col product gives %v", b != nil, i, got[i], want[i])
				}
			}
		}
	})
}

// eachDirectCase runs check, with blas32 set to fastblas, as a subtest for every
// geometry of cases that the direct path takes on this CPU (direct: CanDirect or
// CanDirectBackward), with an input x and weights w of its sizes drawn from r; check
// draws anything else from r.
func eachDirectCase(t *testing.T, cases []ConvGeom, direct func(ConvGeom) bool, r *rand.Rand, check func(t *testing.T, r *rand.Rand, g ConvGeom, x, w []float32)) {
	useFastblas(t)
	for _, g := range cases {
		t.Run(fmt.Sprintf("%+v", g), func(t *testing.T) {
			if !direct(g) {
				t.Skip("the direct path does not take this geometry on this CPU")
			}
			x := randSlice(r, g.N*g.C*g.H*g.W)
			w := randSlice(r, g.OC*g.ColRows())
			check(t, r, g, x, w)
		})
	}
}

func TestCanDirect(t *testing.T) {
	for _, c := range []struct {
		g    ConvGeom
		want bool
	}{
		{ConvGeom{N: 1, C: 1, H: 28, W: 28, OC: 6, KH: 5, KW: 5, SH: 1, SW: 1, PH: 1, PW: 1}, false}, // padding
		{ConvGeom{N: 1, C: 1, H: 28, W: 28, OC: 6, KH: 5, KW: 5, SH: 2, SW: 2}, false},               // stride
		{ConvGeom{N: 1, C: 1, H: 9, W: 9, OC: 6, KH: 3, KW: 3, SH: 1, SW: 1}, false},                 // 7 wide
		{ConvGeom{N: 1, C: 11, H: 12, W: 12, OC: 6, KH: 5, KW: 5, SH: 1, SW: 1}, false},              // k = 275
	} {
		if CanDirect[float32](c.g) != c.want {
			t.Errorf("CanDirect(%+v) = %v, want %v", c.g, !c.want, c.want)
		}
	}
	if CanDirect[float64](benchConv1) {
		t.Error("CanDirect[float64] is true; the direct path is float32 only")
	}
}

// The direct backward pass must give ConvBackward's gradients bit for bit.
func TestConvBackwardDirectBits(t *testing.T) {
	cases := []ConvGeom{
		benchConv1,
		benchConv2,
		{N: 4, C: 2, H: 10, W: 19, OC: 7, KH: 3, KW: 4, SH: 1, SW: 1}, // 9 taps per group of 4: a ragged group
	}
	eachDirectCase(t, cases, CanDirectBackward[float32], rand.New(rand.NewPCG(11, 12)), func(t *testing.T, r *rand.Rand, g ConvGeom, x, w []float32) {
		dy := randSlice(r, g.N*g.OC*g.OH()*g.OW())
		col := make([]float32, g.ColRows()*g.ColCols())
		Im2Col(g, x, col)
		tmp := make([]float32, g.OC*g.ColCols())
		grads := func(direct bool) (dx, dw, db []float32) {
			dx = make([]float32, len(x))
			dw = make([]float32, len(w))
			db = make([]float32, g.OC)
			for _, s := range [][]float32{dx, dw, db} {
				for i := range s {
					s[i] = float32(math.NaN()) // written, not accumulated into
				}
			}
			dcol := make([]float32, len(col))
			if direct {
				ConvBackwardDirect(g, dy, x, w, dx, dw, db, tmp)
			} else {
				ConvBackward(g, dy, w, col, dx, dw, db, tmp, dcol)
			}
			return dx, dw, db
		}
		wdx, wdw, wdb := grads(false)
		gdx, gdw, gdb := grads(true)
		for _, c := range []struct {
			name      string
			got, want []float32
		}{{"dx", gdx, wdx}, {"dw", gdw, wdw}, {"db", gdb, wdb}} {
			for i := range c.want {
				if math.Float32bits(c.got[i]) != math.Float32bits(c.want[i]) {
					t.Fatalf("%s[%d] = %v, ConvBackward gives %v", c.name, i, c.got[i], c.want[i])
				}
			}
		}
	})
}
