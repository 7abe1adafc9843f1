package kernels

import (
	"sync"

	"github.com/kosaku-dl/kosaku/pkg/internal/fastblas"
	"github.com/kosaku-dl/kosaku/pkg/internal/parallel"
	"github.com/kosaku-dl/kosaku/pkg/internal/vec"
)

// Direct convolution. ConvForward unfolds the input into a column matrix and multiplies
// it by the weights; for a plain float32 convolution (stride 1, no padding or dilation)
// whose output rows are a multiple of 8 wide, ConvForwardDirect computes the same
// product tile by tile with fastblas.Gather6x16, which reads each tile's rows of the
// "column matrix" straight from the input: no column matrix is written or read, and
// the output lands in [N, OC, OH, OW] order without the reordering pass. Each output
// is the same chain of fused multiply-adds as the GEMM computes (k <= fastblas.KBlock),
// plus the bias added afterwards as ConvForward adds it, so the two agree bit for bit
// (TestConvForwardDirectBits).

// CanDirect reports whether ConvForwardDirect computes g's convolution of float32
// values on this machine.
func CanDirect[T Float](g ConvGeom) bool {
	p := g.OH() * g.OW()
	return !is64[T]() && fastblas.HasGather() && g.valid() &&
		g.OW()%8 == 0 && p%16 == 0 && g.ColRows() <= fastblas.KBlock
}

// ConvForwardDirect computes y [N, OC, OH, OW] from x [N, C, H, W], weight w
// [OC, C, KH, KW] and bias b [OC] (nil for none), as ConvForward does, for a geometry
// where CanDirect holds. It needs no column matrix; the backward pass builds one.
func ConvForwardDirect(g ConvGeom, x, w, b, y []float32) {
	k := g.ColRows()
	oh, ow := g.OH(), g.OW()
	p := oh * ow
	const mr = fastblas.PanelRows
	panels := (g.OC + mr - 1) / mr
	// The weights as the GEMM packs them: panels of 6 output channels, tap by tap.
	apack := Get[float32](panels * mr * k)
	defer Put(apack)
	fastblas.PackPanels(apack, w, k, false, g.OC, k)
	offs := tapOffsets(g)
	sample := g.C * g.H * g.W
	parallel.ForFlops(g.N, 2*g.OC*k*p, func(lo, hi int) {
		var tile [mr * 16]float32
		for n := lo; n < hi; n++ {
			xs := x[n*sample:][:sample]
			ys := y[n*g.OC*p:][:g.OC*p]
			// 16 consecutive outputs of a plane at a time: two runs of 8 within rows.
			for p0 := 0; p0 < p; p0 += 16 {
				at := p0/ow*g.W + p0%ow
				at2 := (p0+8)/ow*g.W + (p0+8)%ow
				for pi := 0; pi < panels; pi++ {
					panel := apack[pi*mr*k:][:mr*k]
					rows := min(mr, g.OC-pi*mr)
					if rows == mr {
						fastblas.Gather6x16(k, panel, xs[at:], offs, at2-at, ys[pi*mr*p+p0:], p)
						continue
					}
					fastblas.Gather6x16(k, panel, xs[at:], offs, at2-at, tile[:], 16)
					for r := 0; r < rows; r++ {
						copy(ys[(pi*mr+r)*p+p0:][:16], tile[r*16:][:16])
					}
				}
			}
			if b == nil {
				continue
			}
			for oc := 0; oc < g.OC; oc++ {
				bv := b[oc]
				plane := ys[oc*p:][:p]
				for i, v := range plane {
					plane[i] = v + bv
				}
			}
		}
	})
}

// CanDirectBackward reports whether ConvBackwardDirect computes g's gradients: a
// direct forward geometry whose weight-gradient product Sgemm forms from dot products
// (fastblas.DotPathNT), which GatherDotNT reproduces without the column matrix.
func CanDirectBackward[T Float](g ConvGeom) bool {
	return CanDirect[T](g) && fastblas.DotPathNT(g.OC, g.ColRows(), g.ColCols())
}

// ConvBackwardDirect is ConvBackward for a geometry where CanDirectBackward holds,
// with no column matrix either way: the weight gradient comes from
// fastblas.GatherDotNT reading x [N, C, H, W] in place, bit for bit the product
// ConvBackward forms; the input gradient (when dx is not nil) from inputGradDirect.
func ConvBackwardDirect(g ConvGeom, dy, x, w, dx, dw, db, tmp []float32) {
	var inputGrad func([]float32)
	if dx != nil {
		inputGrad = func(dyT []float32) { inputGradDirect(g, w, dyT, dx) }
	}
	convBackward(g, dy, dw, db, tmp, func(dyT []float32) {
		k, cols := g.ColRows(), g.ColCols()
		chunks, offs := chunkOffsets(g), tapOffsets(g)
		// Split the taps over the cores in groups of 4, the dot kernel's unit: each
		// weight's sum is computed the same way whichever core forms it.
		groups := (k + 3) / 4
		parallel.ForFlops(groups, 2*g.OC*4*cols, func(lo, hi int) {
			t0, t1 := 4*lo, min(4*hi, k)
			fastblas.GatherDotNT(g.OC, t1-t0, cols, dyT, cols, x, chunks, offs[t0:t1], dw[t0:], k)
		})
	}, inputGrad)
}

// inputGradDirect writes dx [N, C, H, W] = the column matrix of w[OC, K]^T dy[OC, N*P]
// folded back onto the image (what ConvBackward does through dcol and Col2Im) without
// the column matrix: one sample's 6 rows (taps) of it at a time are formed by the
// GEMM's own micro-kernel (fastblas.Tile6x16: the same chains of fused multiply-adds)
// and added into dx tap by tap. Each input pixel gets one term per tap, in ascending
// tap order, so it sums the same terms in the same order as Col2Im.
func inputGradDirect(g ConvGeom, w, dyT, dx []float32) {
	k, cols := g.ColRows(), g.ColCols()
	oh, ow := g.OH(), g.OW()
	p := oh * ow
	const mr = fastblas.PanelRows
	panels := (k + mr - 1) / mr
	// w^T packed as the GEMM packs op(A) = w^T: panels of 6 taps, output channel by
	// output channel (rows past K zero).
	apack := Get[float32](panels * mr * g.OC)
	defer Put(apack)
	fastblas.PackPanels(apack, w, k, true, k, g.OC)
	offs := tapOffsets(g)
	sample := g.C * g.H * g.W
	parallel.ForFlops(g.N, 2*g.OC*k*p, func(lo, hi int) {
		// One panel's rows of the sample's column matrix: 6 x P values, in cache.
		rowsBuf := Get[float32](mr * p)
		defer Put(rowsBuf)
		for n := lo; n < hi; n++ {
			d := dx[n*sample:][:sample]
			clear(d)
			for pi := 0; pi < panels; pi++ {
				panel := apack[pi*mr*g.OC:][:mr*g.OC]
				for p0 := 0; p0 < p; p0 += 16 {
					fastblas.Tile6x16(g.OC, panel, dyT[n*p+p0:], cols, rowsBuf[p0:], p)
				}
				// Tap by tap, so that each pixel adds its terms in ascending tap
				// order, as Col2Im does.
				for r := 0; r < min(mr, k-pi*mr); r++ {
					vec.AddRows(d[offs[pi*mr+r]:], g.W, rowsBuf[r*p:][:p], ow, oh, ow)
				}
			}
		}
	})
}

// offsetTables caches tapOffsets and chunkOffsets per geometry: a training loop asks
// for the same few every batch. Callers only read them.
var offsetTables sync.Map // offsetKey -> []int

type offsetKey struct {
	g      ConvGeom
	chunks bool
}

func cachedOffsets(key offsetKey, build func() []int) []int {
	if v, ok := offsetTables.Load(key); ok {
		return v.([]int)
	}
	v, _ := offsetTables.LoadOrStore(key, build())
	return v.([]int)
}

// chunkOffsets gives, for column j = n*P + oy*OW + ox of the column matrix taken 8
// at a time (OW is a multiple of 8, so a chunk stays in one output row), where its
// input begins in x: n*C*H*W + oy*W + ox.
func chunkOffsets(g ConvGeom) []int {
	return cachedOffsets(offsetKey{g, true}, func() []int {
		ow := g.OW()
		p := g.OH() * ow
		chunks := make([]int, g.ColCols()/8)
		for q := range chunks {
			n, pp := 8*q/p, 8*q%p
			chunks[q] = n*g.C*g.H*g.W + pp/ow*g.W + pp%ow
		}
		return chunks
	})
}

// tapOffsets gives, for each kernel tap (c, ki, kj) in weight order, where it reads
// relative to the output position's own pixel: (c*H + ki)*W + kj.
func tapOffsets(g ConvGeom) []int {
	return cachedOffsets(offsetKey{g, false}, func() []int { return buildTapOffsets(g) })
}

func buildTapOffsets(g ConvGeom) []int {
	offs := make([]int, g.ColRows())
	for c := 0; c < g.C; c++ {
		for ki := 0; ki < g.KH; ki++ {
			for kj := 0; kj < g.KW; kj++ {
				offs[(c*g.KH+ki)*g.KW+kj] = (c*g.H+ki)*g.W + kj
			}
		}
	}
	return offs
}
