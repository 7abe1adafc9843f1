package fastblas

// part is a block of C, rows [i0, i0+m) by columns [j0, j0+n), with the path that
// computes it: the dot-product one (dot) or the packed one.
type part struct {
	i0, m, j0, n int
	dot          bool
}

// plan cuts a large m x n product into the blocks whose paths fix how every element
// is rounded: the two halves Sgemm has always split it into (along the larger of m and
// n, in whole units of the whole product's path), each on the path its own size
// chooses, or the whole product when it is too small to halve. The committed
// notebooks' outputs were computed with these halves; the number of workers decides
// only how the blocks are shared out (share), never an element's path or order.
func plan(aT, bT bool, m, n, k int) []part {
	unitM, unitN := mr, nr
	if useDot(aT, bT, m, n, k) {
		unitM, unitN = 2, 4 // the dot-product path works in 2x4 blocks of C
	}
	block := func(i0, m, j0, n int) part { return part{i0, m, j0, n, useDot(aT, bT, m, n, k)} }
	switch {
	case ceilDiv(n, unitN) >= ceilDiv(m, unitM) && n >= 2*unitN:
		half := ceilDiv(ceilDiv(n, unitN), 2) * unitN
		return []part{block(0, m, 0, half), block(0, m, half, n-half)}
	case m >= 2*unitM:
		half := ceilDiv(ceilDiv(m, unitM), 2) * unitM
		return []part{block(0, half, 0, n), block(half, m-half, 0, n)}
	}
	return []part{block(0, m, 0, n)}
}

// share divides the planned blocks among w workers: each block is cut along its
// longer side into pieces of whole tiles of its own path (2x4 for the dot-product
// path, mr x nr for the packed one), so every piece's tiles line up with the block's
// and each element sees the same kernel, the same k blocking and the same edge
// handling as when the block is computed in one piece.
func share(blocks []part, w int) []part {
	var out []part
	for i, b := range blocks {
		count := w / len(blocks)
		if i < w%len(blocks) {
			count++
		}
		unitM, unitN := mr, nr
		if b.dot {
			unitM, unitN = 2, 4
		}
		if b.n >= b.m {
			for _, s := range cut(b.n, unitN, count) {
				out = append(out, part{b.i0, b.m, b.j0 + s[0], s[1], b.dot})
			}
		} else {
			for _, s := range cut(b.m, unitM, count) {
				out = append(out, part{b.i0 + s[0], s[1], b.j0, b.n, b.dot})
			}
		}
	}
	return out
}

// cut splits size into at most count pieces (at least one) of whole units, but for
// the last, and returns each piece's [offset, length].
func cut(size, unit, count int) [][2]int {
	units := ceilDiv(size, unit)
	count = max(1, min(count, units))
	step := ceilDiv(units, count) * unit
	var pieces [][2]int
	for off := 0; off < size; off += step {
		pieces = append(pieces, [2]int{off, min(step, size-off)})
	}
	return pieces
}
