package fastblas

import "fmt"

// KBlock is the depth of one block of Sgemm's packed product: a product whose k is at
// most KBlock sums each element of C in one chain of fused multiply-adds, k = 0 first,
// which Gather6x16 reproduces.
const KBlock = kcBlock

// HasGather reports whether Gather6x16 and GatherDotNT are available (amd64 with AVX2
// and FMA).
func HasGather() bool { return hasAVX2FMA }

// PanelRows is the number of rows of A in one packed panel for Gather6x16.
const PanelRows = mr

// PackPanels packs op(A) (m x k; A row-major with stride lda, transposed when trans)
// into dst as Sgemm packs it for its micro-kernel: ceil(m/PanelRows) panels, panel i
// holding, for each column p, rows i*PanelRows.. of column p, rows past m zero. dst
// needs ceil(m/PanelRows)*PanelRows*k values.
func PackPanels(dst, a []float32, lda int, trans bool, m, k int) {
	packA(dst, a, lda, trans, 0, 0, m, k, 1)
}

// Gather6x16 stores into the 6 x 16 tile of c (row stride ldc) the product of a
// packed 6-row panel of A (k groups of 6 values: column p of the six rows, rows past
// the matrix zero) and k rows of B gathered from b: row p is the 8 values at
// b[offs[p]:] followed by the 8 at b[offs[p]+hi:]. Each element is the same chain of
// fused multiply-adds as Sgemm computes for k <= KBlock, so the two agree bit for bit.
// It panics where HasGather is false, or if an index falls outside its slice.
func Gather6x16(k int, a, b []float32, offs []int, hi int, c []float32, ldc int) {
	if !hasAVX2FMA {
		panic("fastblas.Gather6x16: needs AVX2 and FMA; check HasGather first")
	}
	if k <= 0 || len(offs) < k || len(a) < k*mr || ldc < nr || len(c) < (mr-1)*ldc+nr {
		panic(fmt.Sprintf("fastblas.Gather6x16: bad sizes (k %d, len(a) %d, len(offs) %d, ldc %d, len(c) %d)", k, len(a), len(offs), ldc, len(c)))
	}
	lo, top := offs[0], offs[0]
	for _, o := range offs[:k] {
		lo, top = min(lo, o), max(top, o)
	}
	if lo < 0 || min(lo, lo+hi) < 0 || max(top, top+hi)+8 > len(b) {
		panic(fmt.Sprintf("fastblas.Gather6x16: offsets [%d, %d] with hi %d read outside b (len %d)", lo, top, hi, len(b)))
	}
	gatherTile(k, a, b, offs, hi, c, ldc)
}

// DotPathNT reports whether Sgemm forms C = A·Bᵀ (m x n, inner k) from dot products,
// the path GatherDotNT reproduces.
func DotPathNT(m, n, k int) bool { return useDot(false, true, m, n, k) }

// GatherDotNT overwrites c (m x n, row stride ldc) with A·Bᵀ, A m x k row-major
// (stride lda) and row t of B gathered from b: its values 8q..8q+7 are the 8 floats at
// b[chunks[q]+offs[t]:]. k must be a multiple of 8. Where DotPathNT(m, n, k) holds,
// the result equals Sgemm(NoTrans, Trans, ...) on B laid out in rows, bit for bit: the
// same blocks, lanes, fused multiply-adds and reductions as its dot-product path. It
// panics where HasGather is false, or if an index falls outside its slice.
func GatherDotNT(m, n, k int, a []float32, lda int, b []float32, chunks, offs []int, c []float32, ldc int) {
	if !hasAVX2FMA {
		panic("fastblas.GatherDotNT: needs AVX2 and FMA; check HasGather first")
	}
	if m <= 0 || n <= 0 || k <= 0 || k%8 != 0 || len(chunks) < k/8 || len(offs) < n ||
		lda < k || len(a) < (m-1)*lda+k || ldc < n || len(c) < (m-1)*ldc+n {
		panic(fmt.Sprintf("fastblas.GatherDotNT: bad sizes (m %d, n %d, k %d, lda %d, len(a) %d, len(chunks) %d, len(offs) %d, ldc %d, len(c) %d)",
			m, n, k, lda, len(a), len(chunks), len(offs), ldc, len(c)))
	}
	cLo, cHi := chunks[0], chunks[0]
	for _, q := range chunks[:k/8] {
		cLo, cHi = min(cLo, q), max(cHi, q)
	}
	oLo, oHi := offs[0], offs[0]
	for _, o := range offs[:n] {
		oLo, oHi = min(oLo, o), max(oHi, o)
	}
	if cLo+oLo < 0 || cHi+oHi+8 > len(b) {
		panic(fmt.Sprintf("fastblas.GatherDotNT: chunks [%d, %d] and offsets [%d, %d] read outside b (len %d)", cLo, cHi, oLo, oHi, len(b)))
	}
	for i := 0; i < m; i++ {
		clear(c[i*ldc : i*ldc+n])
	}
	var out [64]float32
	for p0 := 0; p0 < k; p0 += dotBlock {
		kb := min(dotBlock, k-p0)
		k8 := kb / 8
		ch := chunks[p0/8 : p0/8+k8]
		for i := 0; i < m; i += 2 {
			i1 := min(i+1, m-1) // as gemmDot: an odd last row is computed twice, kept once
			a0 := a[i*lda+p0 : i*lda+p0+kb]
			a1 := a[i1*lda+p0 : i1*lda+p0+kb]
			for j := 0; j < n; j += 4 {
				var o [4]int
				for t := range o {
					o[t] = offs[min(j+t, n-1)]
				}
				gatherDot(k8, a0, a1, b, ch, &o, &out)
				for r := 0; r < 2 && i+r < m; r++ {
					for t := 0; t < 4 && j+t < n; t++ {
						var s float32
						for _, v := range out[(r*4+t)*8 : (r*4+t)*8+8] {
							s += v
						}
						c[(i+r)*ldc+j+t] += s
					}
				}
			}
		}
	}
}

// Tile6x16 stores into the 6 x 16 tile of c (row stride ldc) the product of a packed
// 6-row panel of A (as for Gather6x16) and k rows of 16 values of B, ldb apart: the
// micro-kernel of Sgemm's packed product itself, so for k <= KBlock each element is
// the chain of fused multiply-adds Sgemm computes. It panics where HasGather is false.
func Tile6x16(k int, a, b []float32, ldb int, c []float32, ldc int) {
	if !hasAVX2FMA {
		panic("fastblas.Tile6x16: needs AVX2 and FMA; check HasGather first")
	}
	if k <= 0 || len(a) < k*mr || ldb < nr || len(b) < (k-1)*ldb+nr || ldc < nr || len(c) < (mr-1)*ldc+nr {
		panic(fmt.Sprintf("fastblas.Tile6x16: bad sizes (k %d, len(a) %d, ldb %d, len(b) %d, ldc %d, len(c) %d)", k, len(a), ldb, len(b), ldc, len(c)))
	}
	tile(k, a, b, ldb, c, ldc)
}
