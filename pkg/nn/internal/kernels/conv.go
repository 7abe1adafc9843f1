package kernels

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/internal/parallel"
	"gonum.org/v1/gonum/blas"
)

// ConvGeom describes a 2-D convolution of an NCHW batch: N samples of C channels of
// H x W, OC output channels, a KH x KW kernel whose taps are DH, DW apart (dilation;
// 0 counts as 1), strides SH, SW and zero padding PH, PW.
type ConvGeom struct {
	N, C, H, W     int
	OC, KH, KW     int
	SH, SW, PH, PW int
	DH, DW         int
}

// dil returns the dilations, with 0 (a geometry built without them) meaning 1.
func (g ConvGeom) dil() (dh, dw int) { return max(g.DH, 1), max(g.DW, 1) }

// EKH is the effective kernel height, DH*(KH-1)+1: the rows one window spans.
func (g ConvGeom) EKH() int { dh, _ := g.dil(); return dh*(g.KH-1) + 1 }

// EKW is the effective kernel width.
func (g ConvGeom) EKW() int { _, dw := g.dil(); return dw*(g.KW-1) + 1 }

// OH is the output height: floor((H + 2 PH - EKH) / SH) + 1, as PyTorch computes it.
func (g ConvGeom) OH() int { return (g.H+2*g.PH-g.EKH())/g.SH + 1 }

// OW is the output width.
func (g ConvGeom) OW() int { return (g.W+2*g.PW-g.EKW())/g.SW + 1 }

// ColRows is the number of rows of the column matrix: C * KH * KW.
func (g ConvGeom) ColRows() int { return g.C * g.KH * g.KW }

// ColCols is the number of columns of the column matrix: N * OH * OW.
func (g ConvGeom) ColCols() int { return g.N * g.OH() * g.OW() }

// Check panics, naming op, if the geometry cannot be computed.
func (g ConvGeom) Check(op string) {
	switch {
	case g.N < 0 || g.C < 1 || g.H < 1 || g.W < 1 || g.OC < 1 || g.KH < 1 || g.KW < 1:
		panic(fmt.Sprintf("%s: bad sizes (batch %d, channels %d, input %dx%d, out channels %d, kernel %dx%d)",
			op, g.N, g.C, g.H, g.W, g.OC, g.KH, g.KW))
	}
	w := window{g.H, g.W, g.KH, g.KW, g.SH, g.SW, g.PH, g.PW, g.DH, g.DW}
	w.checkSteps(op)
	w.checkFits(op)
}

// window is what a convolution and a pooling check alike: a KH x KW kernel with
// dilation DH, DW (0 counts as 1) moved by strides SH, SW over an H x W input padded
// by PH, PW.
type window struct{ H, W, KH, KW, SH, SW, PH, PW, DH, DW int }

// checkSteps panics, naming op, for a stride below 1 or a negative padding or
// dilation.
func (w window) checkSteps(op string) {
	switch {
	case w.SH < 1 || w.SW < 1:
		panic(fmt.Sprintf("%s: stride (%d, %d) must be positive", op, w.SH, w.SW))
	case w.PH < 0 || w.PW < 0:
		panic(fmt.Sprintf("%s: padding (%d, %d) must not be negative", op, w.PH, w.PW))
	case w.DH < 0 || w.DW < 0:
		panic(fmt.Sprintf("%s: dilation (%d, %d) must be positive", op, w.DH, w.DW))
	}
}

// checkFits panics, naming op, when the (dilated) kernel is larger than the padded
// input, so that there is no output position.
func (w window) checkFits(op string) {
	ekh, ekw := max(w.DH, 1)*(w.KH-1)+1, max(w.DW, 1)*(w.KW-1)+1
	if w.H+2*w.PH >= ekh && w.W+2*w.PW >= ekw {
		return
	}
	dilated := ""
	if ekh != w.KH || ekw != w.KW {
		dilated = fmt.Sprintf(" (dilated %dx%d)", ekh, ekw)
	}
	panic(fmt.Sprintf("%s: kernel %dx%d%s is larger than the padded input %dx%d",
		op, w.KH, w.KW, dilated, w.H+2*w.PH, w.W+2*w.PW))
}

// Im2Col writes the column matrix of x into col.
//
// x is [N, C, H, W]; col is [C*KH*KW, N*OH*OW] row-major: row (c, ki, kj) holds, for
// every sample n and output position (oh, ow), the input value the kernel tap (ki, kj)
// of channel c sees there (0 in the padding). Then the whole batch's convolution is one
// matrix product weight[OC, C*KH*KW] x col. Samples are filled in parallel.
func Im2Col[T Float](g ConvGeom, x, col []T) { eachTap(g, x, col, false) }

// eachTap runs the loops Im2Col and Col2Im share, in the one order Col2Im's sums
// depend on: for every sample n, channel c and kernel tap (ki, kj), channel c of sample
// n in the image img ([N, C, H, W]) meets the p = OH*OW entries of row (c, ki, kj) of
// the column matrix col that belong to sample n. Im2Col copies the tap's view of the
// image into col (im2colTap); with fold, Col2Im zeroes the image and adds col back into
// it (col2imTap). Samples run in parallel, each zeroed by the goroutine that fills it.
// The two taps are called directly, not through a func value: a call per tap through a
// func value made Im2Col 10 % slower on conv2's 64-entry rows.
func eachTap[T Float](g ConvGeom, img, col []T, fold bool) {
	oh, ow := g.OH(), g.OW()
	p := oh * ow
	ld := g.N * p
	parallel.ForBytes(g.N, 2*elemSize[T]()*g.ColRows()*p, func(lo, hi int) {
		if fold {
			clear(img[lo*g.C*g.H*g.W : hi*g.C*g.H*g.W])
		}
		for n := lo; n < hi; n++ {
			for c := 0; c < g.C; c++ {
				plane := img[(n*g.C+c)*g.H*g.W:][:g.H*g.W]
				for ki := 0; ki < g.KH; ki++ {
					for kj := 0; kj < g.KW; kj++ {
						row := ((c*g.KH+ki)*g.KW + kj) * ld
						if fold {
							col2imTap(g, plane, col[row+n*p:][:p], ki, kj, oh, ow)
						} else {
							im2colTap(g, plane, col[row+n*p:][:p], ki, kj, oh, ow)
						}
					}
				}
			}
		}
	})
}

// valid reports whether g is a plain convolution: stride 1, no padding, no dilation
// (every convolution of the lessons), for which a tap's rows are plain copies.
func (g ConvGeom) valid() bool {
	dh, dw := g.dil()
	return g.SH == 1 && g.SW == 1 && g.PH == 0 && g.PW == 0 && dh == 1 && dw == 1
}

// copyShort is copy for the short rows of a convolution's taps (8 to 24 values in
// the lessons): for up to 16 values a loop beats calling memmove (measured: conv2's
// 8-wide rows 20 % faster; conv1's 24-wide rows 20 % slower than copy).
func copyShort[T Float](dst, src []T) {
	if len(dst) > 16 {
		copy(dst, src)
		return
	}
	src = src[:len(dst)]
	for i := range dst {
		dst[i] = src[i]
	}
}

// im2colTap fills the OH x OW values kernel tap (ki, kj) sees in one input plane.
func im2colTap[T Float](g ConvGeom, plane, dst []T, ki, kj, oh, ow int) {
	if g.valid() {
		src := plane[ki*g.W+kj:]
		for y := 0; y < oh; y++ {
			copyShort(dst[y*ow:][:ow], src[y*g.W:][:ow])
		}
		return
	}
	dh, dw := g.dil()
	ki, kj = ki*dh, kj*dw // the tap's offset in the input
	// Output columns whose input column iw = ow*SW - PW + kj lies inside [0, W).
	owLo, owHi := validRange(g.PW-kj, g.W, g.SW, ow)
	for y := 0; y < oh; y++ {
		out := dst[y*ow:][:ow]
		ih := y*g.SH - g.PH + ki
		if ih < 0 || ih >= g.H {
			clear(out)
			continue
		}
		src := plane[ih*g.W:][:g.W]
		clear(out[:owLo])
		if g.SW == 1 {
			base := owLo - g.PW + kj
			copy(out[owLo:owHi], src[base:base+owHi-owLo])
		} else {
			iw := owLo*g.SW - g.PW + kj
			for x := owLo; x < owHi; x++ {
				out[x] = src[iw]
				iw += g.SW
			}
		}
		clear(out[owHi:])
	}
}

// validRange returns [lo, hi) of the output positions o in [0, n) whose input position
// o*stride - off lies in [0, size). off is padding minus the tap's offset.
func validRange(off, size, stride, n int) (lo, hi int) {
	// o*stride >= off  =>  o >= ceil(off/stride)
	if off > 0 {
		lo = (off + stride - 1) / stride
	}
	// o*stride - off <= size-1  =>  o <= floor((size-1+off)/stride)
	if last := size - 1 + off; last < 0 {
		hi = 0
	} else {
		hi = last/stride + 1
	}
	lo = min(lo, n)
	hi = max(min(hi, n), lo)
	return lo, hi
}

// Col2Im adds the column matrix col (laid out as Im2Col writes it) back into dx
// [N, C, H, W]: every input position receives the sum of the column entries that read
// it. dx is overwritten, not accumulated into. Samples run in parallel.
func Col2Im[T Float](g ConvGeom, col, dx []T) { eachTap(g, dx, col, true) }

func col2imTap[T Float](g ConvGeom, plane, src []T, ki, kj, oh, ow int) {
	if g.valid() {
		dst := plane[ki*g.W+kj:]
		for y := 0; y < oh; y++ {
			d := dst[y*g.W:][:ow]
			for x, v := range src[y*ow:][:ow] {
				d[x] += v
			}
		}
		return
	}
	dh, dw := g.dil()
	ki, kj = ki*dh, kj*dw
	owLo, owHi := validRange(g.PW-kj, g.W, g.SW, ow)
	for y := 0; y < oh; y++ {
		ih := y*g.SH - g.PH + ki
		if ih < 0 || ih >= g.H {
			continue
		}
		in := src[y*ow:][:ow]
		dst := plane[ih*g.W:][:g.W]
		iw := owLo*g.SW - g.PW + kj
		if g.SW == 1 {
			d := dst[iw : iw+owHi-owLo]
			for i, v := range in[owLo:owHi] {
				d[i] += v
			}
			continue
		}
		for x := owLo; x < owHi; x++ {
			dst[iw] += in[x]
			iw += g.SW
		}
	}
}

// ConvForward computes the convolution y [N, OC, OH, OW] of x [N, C, H, W] with
// weight w [OC, C, KH, KW] and bias b [OC] (nil for none). col must have
// ColRows()*ColCols() elements and receives the column matrix, which ConvBackward
// needs; tmp must have OC*ColCols() elements (scratch).
//
// One product for the whole batch, not one per sample: a per-sample variant (each
// core unfolding one sample at a time into a cache-sized buffer and multiplying it
// straight into the output, no reordering) was measured slower on the chapter 8 CNN
// training step with pkg/internal/fastblas' Sgemm: 6.5-6.9 against 5.5-5.7 CPU-ms per
// step, because the small products waste the GEMM's packing and blocking.
func ConvForward[T Float](g ConvGeom, x, w, b, y, col, tmp []T) {
	Im2Col(g, x, col)
	k, cols := g.ColRows(), g.ColCols()
	// tmp[OC, N*P] = w[OC, K] * col[K, N*P]: one product for the whole batch.
	gemm(blas.NoTrans, blas.NoTrans, g.OC, cols, k, w, k, col, cols, tmp, cols)
	p := g.OH() * g.OW()
	// Reorder [OC, N, P] to [N, OC, P], adding the bias on the way.
	parallel.ForBytes(g.N, 2*elemSize[T]()*g.OC*p, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			for oc := 0; oc < g.OC; oc++ {
				src := tmp[oc*cols+n*p:][:p]
				dst := y[(n*g.OC+oc)*p:][:p]
				if b == nil {
					copy(dst, src)
					continue
				}
				bv := b[oc]
				for i, v := range src {
					dst[i] = v + bv
				}
			}
		}
	})
}

// ConvBackward computes the gradients of a convolution from dy [N, OC, OH, OW] and
// the column matrix col that ConvForward filled. Each of dx [N, C, H, W],
// dw [OC, C, KH, KW] and db [OC] is written (not accumulated) when non-nil. tmp must
// have OC*ColCols() elements and, when dx is wanted, dcol ColRows()*ColCols().
func ConvBackward[T Float](g ConvGeom, dy, w, col, dx, dw, db, tmp, dcol []T) {
	k, cols := g.ColRows(), g.ColCols()
	var inputGrad func([]T)
	if dx != nil {
		inputGrad = func(dyT []T) {
			// dcol[K, N*P] = w[OC, K]^T * dy[OC, N*P], then scattered back to the image.
			gemm(blas.Trans, blas.NoTrans, k, cols, g.OC, w, k, dyT, cols, dcol, cols)
			Col2Im(g, dcol, dx)
		}
	}
	convBackward(g, dy, dw, db, tmp, func(dyT []T) {
		// dw[OC, K] = dy[OC, N*P] * col[K, N*P]^T
		gemm(blas.NoTrans, blas.Trans, g.OC, k, cols, dyT, cols, col, cols, dw, k)
	}, inputGrad)
}

// convBackward is ConvBackward with the weight gradient's product left to weightGrad
// (called when dw is wanted) and the input gradient to inputGrad (nil for none), both
// of which receive dy laid out as [OC, N*P].
func convBackward[T Float](g ConvGeom, dy, dw, db, tmp []T, weightGrad, inputGrad func(dyT []T)) {
	cols := g.ColCols()
	p := g.OH() * g.OW()
	// dy as [OC, N*P], the layout of the forward product.
	parallel.ForBytes(g.N, 2*elemSize[T]()*g.OC*p, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			for oc := 0; oc < g.OC; oc++ {
				copy(tmp[oc*cols+n*p:][:p], dy[(n*g.OC+oc)*p:][:p])
			}
		}
	})
	if dw != nil {
		weightGrad(tmp)
	}
	if db != nil {
		for oc := 0; oc < g.OC; oc++ {
			// float64 keeps the sum of N*P terms as exact as PyTorch's pairwise sum.
			var s float64
			for _, v := range tmp[oc*cols:][:cols] {
				s += float64(v)
			}
			db[oc] = T(s)
		}
	}
	if inputGrad != nil {
		inputGrad(tmp)
	}
}
