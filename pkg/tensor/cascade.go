package tensor

import "math/bits"

// PyTorch 1.13 sums float32 over a dimension in float32 with a cascade (SumKernel.cpp's
// multi_row_sum): additions go into a first-level accumulator, which is folded into the
// next level every 2^p rows (p = max(4, ceil(log2 n)/4)), over four levels. The rounding
// error grows with log n instead of n, and the result is PyTorch's bit for bit. Columns are
// summed in one of two orders, as PyTorch's kernel does: full groups of columns (32 when
// there are 8 or more, else 4) row by row; the columns left over interleaved, four
// running partial sums per column (row_sum's ilp_factor) combined at the end.

const cascadeLevels = 4

// ceilLog2 is c10's CeilLog2 (1 for x <= 2).
func ceilLog2(x int) int {
	if x <= 2 {
		return 1
	}
	return bits.Len64(uint64(x - 1))
}

// cascadeRows sums n rows of width w into out[:w] in multi_row_sum's order: element c of
// row r is in[r*stride+c*cs]. acc is scratch of cascadeLevels*w values.
func cascadeRows(out, in []float32, n, stride, w, cs int, acc []float32) {
	clear(acc[:cascadeLevels*w])
	levelPower := max(4, ceilLog2(n)/cascadeLevels)
	step := 1 << levelPower
	mask := step - 1
	a0 := acc[:w]
	i := 0
	for i+step <= n {
		for j := 0; j < step; j++ {
			addRow(a0, in, i*stride, cs)
			i++
		}
		for l := 1; l < cascadeLevels; l++ {
			lo, hi := acc[(l-1)*w:l*w], acc[l*w:(l+1)*w]
			for c, v := range lo {
				hi[c] += v
				lo[c] = 0
			}
			if i&(mask<<(l*levelPower)) != 0 {
				break
			}
		}
	}
	for ; i < n; i++ {
		addRow(a0, in, i*stride, cs)
	}
	for l := 1; l < cascadeLevels; l++ {
		for c, v := range acc[l*w : (l+1)*w] {
			a0[c] += v
		}
	}
	copy(out[:w], a0)
}

// addRow adds in[off+c*cs] to a[c] for every c.
func addRow(a, in []float32, off, cs int) {
	if cs == 1 {
		for c, v := range in[off : off+len(a)] {
			a[c] += v
		}
		return
	}
	for c := range a {
		a[c] += in[off+c*cs]
	}
}

// cascadeColumn is row_sum: one column of n values at in[k*stride], summed as four
// interleaved cascades (k mod 4) over the first n/4*4 values, then the rest, then the
// partial sums combined.
func cascadeColumn(in []float32, n, stride int, acc []float32) float32 {
	const ilp = 4
	m := n / ilp
	var part [ilp]float32
	// Rows of the interleaved view: row r holds in[(ilp*r+k)*stride] for k < ilp.
	cascadeRows(part[:], in, m, ilp*stride, ilp, stride, acc)
	for i := m * ilp; i < n; i++ {
		part[0] += in[i*stride]
	}
	for k := 1; k < ilp; k++ {
		part[0] += part[k]
	}
	return part[0]
}

// sumOuterF32 sums in (viewed as [outer, n, inner], inner > 1) over n into out
// ([outer, inner]) as PyTorch 1.13's CPU kernel does.
func sumOuterF32(out, in []float32, outer, n, inner int) {
	group := 4
	if inner >= 8 {
		group = 32
	}
	full := inner / group * group
	// Columns are independent in the row-by-row order, so all full groups go in one pass.
	acc := make([]float32, cascadeLevels*max(full, 4))
	for o := 0; o < outer; o++ {
		base := in[o*n*inner:]
		dst := out[o*inner : (o+1)*inner]
		if full > 0 {
			cascadeRows(dst[:full], base, n, inner, full, 1, acc)
		}
		for j := full; j < inner; j++ {
			dst[j] = cascadeColumn(base[j:], n, inner, acc)
		}
	}
}

// sumInnerF32 sums each of the outer contiguous rows of n values into out[o], in the
// order of PyTorch 1.13's vectorized_inner_sum (n >= 8: eight lanes, four vectors of
// partial sums per lane, then the scalar tail and the lanes in order) or, for shorter
// rows, scalar_inner_sum (row_sum).
func sumInnerF32(out, in []float32, outer, n int) {
	const lanes, ilp = 8, 4
	acc := make([]float32, cascadeLevels*lanes*ilp)
	var part [lanes * ilp]float32
	for o := 0; o < outer; o++ {
		row := in[o*n : (o+1)*n]
		if n < lanes {
			out[o] = cascadeColumn(row, n, 1, acc)
			continue
		}
		vecs := n / lanes
		m := vecs / ilp
		// Row r of the cascade is four vectors: elements [r*32, r*32+32).
		cascadeRows(part[:], row, m, lanes*ilp, lanes*ilp, 1, acc)
		for v := m * ilp; v < vecs; v++ {
			for l := 0; l < lanes; l++ {
				part[l] += row[v*lanes+l]
			}
		}
		for k := 1; k < ilp; k++ {
			for l := 0; l < lanes; l++ {
				part[l] += part[k*lanes+l]
			}
		}
		var s float32
		for k := vecs * lanes; k < n; k++ {
			s += row[k]
		}
		for l := 0; l < lanes; l++ {
			s += part[l]
		}
		out[o] = s
	}
}
