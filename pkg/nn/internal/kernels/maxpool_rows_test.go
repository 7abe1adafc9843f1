package kernels

import (
	"math"
	"testing"
)

// A row of twelve 2x2 windows takes the eight-lane path twice (windows 0-7, then
// 4-11 again); a NaN in any window sends its row to the scalar loop. Both must give
// the general loop's bits and positions, zero signs included.
func TestMaxPool2x2RowsOfTwelve(t *testing.T) {
	neg, nan := float32(math.Copysign(0, -1)), float32(math.NaN())
	g := PoolGeom{N: 1, C: 2, H: 4, W: 24, KH: 2, KW: 2, SH: 2, SW: 2}
	x := make([]float32, g.N*g.C*g.H*g.W)
	zeros := []float32{neg, 0, -1, neg, 0, neg, -5, 3}
	for i := range x {
		x[i] = zeros[(i*7+i/24)%len(zeros)]
	}
	for _, at := range []int{24*0 + 21, 96 + 24*2 + 3} { // plane 0 row 0 window 10; plane 1 row 1 window 1
		x[at] = nan
	}
	y := make([]float32, g.N*g.C*g.OH()*g.OW())
	idx := make([]int32, len(y))
	MaxPoolForward(g, x, y, idx)
	// The rule, written out: the first maximum in row-major order, a NaN winning at once.
	var wy []float32
	var widx []int32
	for pl := range g.N * g.C {
		for r := range g.OH() {
			for c := range g.OW() {
				at := [4]int{2*r*g.W + 2*c, 2*r*g.W + 2*c + 1, (2*r+1)*g.W + 2*c, (2*r+1)*g.W + 2*c + 1}
				k := 0
				for j := 1; j < 4 && x[pl*g.H*g.W+at[k]] == x[pl*g.H*g.W+at[k]]; j++ {
					if v := x[pl*g.H*g.W+at[j]]; v != v || v > x[pl*g.H*g.W+at[k]] {
						k = j
					}
				}
				wy, widx = append(wy, x[pl*g.H*g.W+at[k]]), append(widx, int32(at[k]))
			}
		}
	}
	for i := range y {
		if math.Float32bits(y[i]) != math.Float32bits(wy[i]) && !(y[i] != y[i] && wy[i] != wy[i]) || idx[i] != widx[i] {
			t.Fatalf("window %d: got %v at %d, want %v at %d", i, y[i], idx[i], wy[i], widx[i])
		}
	}
}
