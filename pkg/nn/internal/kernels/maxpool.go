package kernels

import (
	"fmt"
	"math"
)

// PoolGeom describes a 2-D max pooling of an NCHW batch: N*C planes of H x W, a
// KH x KW window moved by strides SH, SW over the input padded by PH, PW.
type PoolGeom struct {
	N, C, H, W     int
	KH, KW         int
	SH, SW, PH, PW int
}

// OH is the output height, floor((H + 2 PH - KH) / SH) + 1 (PyTorch's ceil_mode=False).
func (g PoolGeom) OH() int { return (g.H+2*g.PH-g.KH)/g.SH + 1 }

// OW is the output width.
func (g PoolGeom) OW() int { return (g.W+2*g.PW-g.KW)/g.SW + 1 }

// Check panics, naming op, if the pooling cannot be computed. Like PyTorch it
// requires the padding to be at most half the window, so that every window holds at
// least one real input value.
func (g PoolGeom) Check(op string) {
	switch {
	case g.KH < 1 || g.KW < 1:
		panic(fmt.Sprintf("%s: kernel size (%d, %d) must be positive", op, g.KH, g.KW))
	case g.SH < 1 || g.SW < 1:
		panic(fmt.Sprintf("%s: stride (%d, %d) must be positive", op, g.SH, g.SW))
	case g.PH < 0 || g.PW < 0 || 2*g.PH > g.KH || 2*g.PW > g.KW:
		panic(fmt.Sprintf("%s: padding (%d, %d) must be between 0 and half the kernel size (%d, %d)",
			op, g.PH, g.PW, g.KH, g.KW))
	case g.H+2*g.PH < g.KH || g.W+2*g.PW < g.KW:
		panic(fmt.Sprintf("%s: kernel %dx%d is larger than the padded input %dx%d",
			op, g.KH, g.KW, g.H+2*g.PH, g.W+2*g.PW))
	}
}

// MaxPoolForward writes into y [N, C, OH, OW] the maximum of every window of x
// [N, C, H, W] and into idx the position of that maximum within its input plane
// (h*W + w), as PyTorch's max_pool2d_with_indices does. Padding counts as -inf, so
// it never wins; among equal values the first in row-major window order wins, and a
// NaN wins over numbers (PyTorch's rule, so that NaNs propagate).
func MaxPoolForward(g PoolGeom, x, y []float32, idx []int32) {
	oh, ow := g.OH(), g.OW()
	planes := g.N * g.C
	if g.KH == 2 && g.KW == 2 && g.SH == 2 && g.SW == 2 && g.PH == 0 && g.PW == 0 {
		// The CNN's 2x2 pooling: four loads per output, no window bookkeeping.
		ParallelFor(planes, 16, func(lo, hi int) {
			for pl := lo; pl < hi; pl++ {
				maxPool2x2(x[pl*g.H*g.W:][:g.H*g.W], y[pl*oh*ow:][:oh*ow], idx[pl*oh*ow:][:oh*ow], g.W, oh, ow)
			}
		})
		return
	}
	ParallelFor(planes, 16, func(lo, hi int) {
		for pl := lo; pl < hi; pl++ {
			in := x[pl*g.H*g.W:][:g.H*g.W]
			out := y[pl*oh*ow:][:oh*ow]
			ix := idx[pl*oh*ow:][:oh*ow]
			for r := 0; r < oh; r++ {
				h0 := r*g.SH - g.PH
				hLo, hHi := max(h0, 0), min(h0+g.KH, g.H)
				for c := 0; c < ow; c++ {
					w0 := c*g.SW - g.PW
					wLo, wHi := max(w0, 0), min(w0+g.KW, g.W)
					best := float32(math.Inf(-1))
					at := int32(hLo*g.W + wLo)
				window:
					for h := hLo; h < hHi; h++ {
						row := in[h*g.W:]
						for w := wLo; w < wHi; w++ {
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

// maxPool2x2 pools one plane with 2x2 windows and stride 2, with the same rules as
// the general loop: the first maximum in row-major order wins, a NaN wins at once.
func maxPool2x2(in, out []float32, idx []int32, w, oh, ow int) {
	for r := 0; r < oh; r++ {
		top := in[2*r*w:][:2*ow]
		bot := in[(2*r+1)*w:][:2*ow]
		o := out[r*ow:][:ow]
		ix := idx[r*ow:][:ow]
		base := int32(2 * r * w)
		for c := range o {
			best, at := top[2*c], base+int32(2*c)
			if best == best { // not NaN
				if v := top[2*c+1]; v > best || v != v {
					best, at = v, base+int32(2*c+1)
				}
				if best == best {
					if v := bot[2*c]; v > best || v != v {
						best, at = v, base+int32(w+2*c)
					}
					if best == best {
						if v := bot[2*c+1]; v > best || v != v {
							best, at = v, base+int32(w+2*c+1)
						}
					}
				}
			}
			o[c], ix[c] = best, at
		}
	}
}

// MaxPoolBackward writes into dx [N, C, H, W] the gradient of max pooling: each
// output gradient goes to the input position that won its window (summed where
// overlapping windows share a winner).
func MaxPoolBackward(g PoolGeom, dy []float32, idx []int32, dx []float32) {
	op := g.OH() * g.OW()
	planes := g.N * g.C
	ParallelFor(planes, 16, func(lo, hi int) {
		clear(dx[lo*g.H*g.W : hi*g.H*g.W])
		for pl := lo; pl < hi; pl++ {
			d := dx[pl*g.H*g.W:][:g.H*g.W]
			gy := dy[pl*op:][:op]
			for i, at := range idx[pl*op:][:op] {
				d[at] += gy[i]
			}
		}
	})
}
