package kernels

import (
	"fmt"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/internal/parallel"
	"github.com/kosaku-dl/kosaku/pkg/internal/vec"
)

// PoolGeom describes a 2-D max pooling of an NCHW batch: N*C planes of H x W, a
// KH x KW window whose taps are DH, DW apart (dilation; 0 counts as 1), moved by
// strides SH, SW over the input padded by PH, PW.
type PoolGeom struct {
	N, C, H, W     int
	KH, KW         int
	SH, SW, PH, PW int
	DH, DW         int
}

// dil returns the dilations, with 0 (a geometry built without them) meaning 1.
func (g PoolGeom) dil() (dh, dw int) { return max(g.DH, 1), max(g.DW, 1) }

// OH is the output height, floor((H + 2 PH - DH (KH-1) - 1) / SH) + 1 (PyTorch's
// ceil_mode=False).
func (g PoolGeom) OH() int { dh, _ := g.dil(); return (g.H+2*g.PH-dh*(g.KH-1)-1)/g.SH + 1 }

// OW is the output width.
func (g PoolGeom) OW() int { _, dw := g.dil(); return (g.W+2*g.PW-dw*(g.KW-1)-1)/g.SW + 1 }

// Check panics, naming op, if the pooling cannot be computed. Like PyTorch 1.13 it
// requires the padding to be at most half the kernel size, with 1.13's words.
func (g PoolGeom) Check(op string) {
	if g.KH < 1 || g.KW < 1 {
		panic(fmt.Sprintf("%s: kernel size (%d, %d) must be positive", op, g.KH, g.KW))
	}
	w := window{g.H, g.W, g.KH, g.KW, g.SH, g.SW, g.PH, g.PW, g.DH, g.DW}
	w.checkSteps(op)
	for _, pk := range [][2]int{{g.PH, g.KH}, {g.PW, g.KW}} {
		if 2*pk[0] > pk[1] {
			panic(fmt.Sprintf("%s: pad should be at most half of kernel size, but got pad=%d and kernel_size=%d", op, pk[0], pk[1]))
		}
	}
	w.checkFits(op)
}

// MaxPoolForward writes into y [N, C, OH, OW] the maximum of every window of x
// [N, C, H, W] and into idx the position of that maximum within its input plane
// (h*W + w), as PyTorch's max_pool2d_with_indices does. Padding counts as -inf, so
// it never wins; among equal values the first in row-major window order wins, and a
// NaN wins over numbers (PyTorch's rule, so that NaNs propagate).
func MaxPoolForward[T Float](g PoolGeom, x, y []T, idx []int32) {
	oh, ow := g.OH(), g.OW()
	dh, dw := g.dil()
	planes := g.N * g.C
	// Each plane reads its input and writes its outputs and their positions.
	planeBytes := elemSize[T]()*g.H*g.W + (elemSize[T]()+4)*oh*ow
	if g.KH == 2 && g.KW == 2 && g.SH == 2 && g.SW == 2 && g.PH == 0 && g.PW == 0 && dh == 1 && dw == 1 {
		// The CNN's 2x2 pooling: four loads per output, no window bookkeeping.
		parallel.ForBytes(planes, planeBytes, func(lo, hi int) {
			for pl := lo; pl < hi; pl++ {
				maxPool2x2(x[pl*g.H*g.W:][:g.H*g.W], y[pl*oh*ow:][:oh*ow], idx[pl*oh*ow:][:oh*ow], g.W, oh, ow)
			}
		})
		return
	}
	parallel.ForBytes(planes, planeBytes, func(lo, hi int) {
		for pl := lo; pl < hi; pl++ {
			in := x[pl*g.H*g.W:][:g.H*g.W]
			out := y[pl*oh*ow:][:oh*ow]
			ix := idx[pl*oh*ow:][:oh*ow]
			for r := 0; r < oh; r++ {
				// The window's rows h0, h0+dh, ... that lie inside the plane.
				h0 := r*g.SH - g.PH
				hLo, hHi := firstTap(h0, dh), min(h0+dh*(g.KH-1)+1, g.H)
				for c := 0; c < ow; c++ {
					w0 := c*g.SW - g.PW
					wLo, wHi := firstTap(w0, dw), min(w0+dw*(g.KW-1)+1, g.W)
					best := T(math.Inf(-1))
					at := int32(hLo*g.W + wLo)
					if hLo >= hHi || wLo >= wHi {
						at = -1 // a dilated window that sees only padding: -inf, no gradient
					}
				window:
					for h := hLo; h < hHi; h += dh {
						row := in[h*g.W:]
						for w := wLo; w < wHi; w += dw {
							if v := row[w]; v > best || v != v {
								best, at = v, int32(h*g.W+w)
								if v != v {
									break window // NaN: nothing can replace it
								}
							}
						}
					}
					out[r*ow+c] = best
					ix[r*ow+c] = at
				}
			}
		}
	})
}

// firstTap returns the first of the positions start, start+d, start+2d, ... that is
// not negative (not in the top or left padding).
func firstTap(start, d int) int {
	if start >= 0 {
		return start
	}
	return start + (-start+d-1)/d*d
}

// maxPool2x2 pools one plane with 2x2 windows and stride 2, with the same rules as
// the general loop: the first maximum in row-major order wins, a NaN wins at once.
//
// The maximum comes from max (branch-free) and its position from equality tests the
// compiler turns into conditional moves: on the lessons' data the winner of a window
// is random, and the general loop's comparisons were mispredicted about half the time,
// which made it three times slower. A NaN or a zero maximum (whose sign max does not
// take from the first of equal values) takes the general rules in firstMax.
func maxPool2x2[T Float](in, out []T, idx []int32, w, oh, ow int) {
	w32 := int32(w)
	f32, _ := any(in).([]float32)
	for r := 0; r < oh; r++ {
		top := in[2*r*w:][:2*ow]
		bot := in[(2*r+1)*w:][:2*ow]
		o := out[r*ow:][:ow]
		ix := idx[r*ow:][:ow]
		base := int32(2 * r * w)
		from := 0
		if f32 != nil && ow >= 8 {
			from = pool8s(f32[2*r*w:], f32[(2*r+1)*w:], any(o).([]float32), ix, base, w32)
		}
		for c := from; c < len(o); c++ {
			a, b, cc, d := top[2*c], top[2*c+1], bot[2*c], bot[2*c+1]
			m := max(max(a, b), max(cc, d))
			if m != m || m == 0 {
				o[c], ix[c] = firstMax(a, b, cc, d, base+int32(2*c), w32)
				continue
			}
			k := w32 + 1
			if cc == m {
				k = w32
			}
			if b == m {
				k = 1
			}
			if a == m {
				k = 0
			}
			o[c], ix[c] = m, base+int32(2*c)+k
		}
	}
}

// pool8s pools a float32 row of ow >= 8 windows eight at a time with vec.MaxPool8
// (the same rule in AVX2), the last eight overlapping the previous ones when ow is not
// a multiple of 8 (they are computed twice, to the same values). It returns the
// first window it did not pool: 0 when a NaN or the CPU sends the whole row to the
// loop, otherwise ow.
func pool8s(top, bot, o []float32, ix []int32, base, w int32) int {
	ow := len(o)
	for c0 := 0; c0 < ow; c0 += 8 {
		c := min(c0, ow-8)
		if !vec.MaxPool8(top[2*c:], bot[2*c:], o[c:], ix[c:], base+int32(2*c), w) {
			return 0
		}
	}
	return ow
}

// firstMax is the general rule for one 2x2 window a b / cc d whose top-left input
// position is at: the first maximum in row-major order, a NaN winning at once.
func firstMax[T Float](a, b, cc, d T, at, w int32) (T, int32) {
	best, k := a, int32(0)
	for i, v := range [3]T{b, cc, d} {
		if best != best {
			break
		}
		if v > best || v != v {
			best, k = v, [3]int32{1, w, w + 1}[i]
		}
	}
	return best, at + k
}

// MaxPoolBackward writes into dx [N, C, H, W] the gradient of max pooling: each
// output gradient goes to the input position that won its window (summed where
// overlapping windows share a winner).
func MaxPoolBackward[T Float](g PoolGeom, dy []T, idx []int32, dx []T) {
	op := g.OH() * g.OW()
	planes := g.N * g.C
	dh, dw := g.dil()
	// Only a dilated window can lie wholly in the padding (index -1, no gradient);
	// the undilated loop skips the check.
	dilated := dh > 1 || dw > 1
	parallel.ForBytes(planes, elemSize[T]()*(g.H*g.W+op)+4*op, func(lo, hi int) {
		clear(dx[lo*g.H*g.W : hi*g.H*g.W])
		for pl := lo; pl < hi; pl++ {
			d := dx[pl*g.H*g.W:][:g.H*g.W]
			gy := dy[pl*op:][:op]
			if !dilated {
				for i, at := range idx[pl*op:][:op] {
					d[at] += gy[i]
				}
				continue
			}
			for i, at := range idx[pl*op:][:op] {
				if at >= 0 {
					d[at] += gy[i]
				}
			}
		}
	})
}
