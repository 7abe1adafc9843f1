package fastblas

// dotKernel computes the eight dot products of rows a0, a1 with rows
// b0..b3 over their first k8*8 elements, leaving them unreduced in out:
// out[(r*4+s)*8+l] is lane l of a_r·b_s. It is the assembly kernel on CPUs
// with AVX2 and FMA and goDot2x4 elsewhere.
var dotKernel = goDot2x4

func goDot2x4(k8 int, a0, a1, b0, b1, b2, b3 []float32, out *[64]float32) {
	clear(out[:])
	n := k8 * 8
	var s [8]float32
	as := [2][]float32{a0[:n], a1[:n]}
	bs := [4][]float32{b0[:n], b1[:n], b2[:n], b3[:n]}
	for r, a := range as {
		for t, b := range bs {
			for p, v := range a {
				s[p&7] += v * b[p]
			}
			copy(out[(r*4+t)*8:], s[:])
			s = [8]float32{}
		}
	}
}

// dotBlock is the k extent of one pass of the dot-product path: one k block
// of every row of A and B (m+n <= dotMaxRows rows of 1024 floats, at most
// 1 MiB) stays in L2 while all pairs are formed.
const dotBlock = 1024

// dotMaxRows bounds m+n for the dot-product path (see dotBlock).
const dotMaxRows = 256

// dotMinK is the shortest inner dimension for the dot-product path: each
// 2x4 block of dots ends with a reduction of 64 lanes, paid back only by
// long dots. Measured: conv2's weight gradient (16x150, k=1280) 26 against
// 11 GFLOP per CPU-second packed; fc1's forward (20x64, k=784) 18 against
// 10 GFLOP/s.
const dotMinK = 512

// useDot reports whether C += alpha*A*Bᵀ should be formed from dot
// products. Packing touches (m+n)*k values for 2*m*n*k flops, so when C is
// small the copies cost as much as the arithmetic: conv weight gradients
// (6x25 or 16x150 outputs over 11520 or 1280 columns) are such products.
// Both operands are then read in place, rows contiguous.
func useDot(aT, bT bool, m, n, k int) bool {
	return !aT && bT && k >= dotMinK && m+n <= dotMaxRows
}

// gemmDot adds alpha*A*Bᵀ to C, A m x k and B n x k, both row-major.
func gemmDot(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	var out [64]float32
	row := func(x []float32, ld, i int) []float32 { return x[i*ld : i*ld+k] }
	for p0 := 0; p0 < k; p0 += dotBlock {
		kb := min(dotBlock, k-p0)
		k8 := kb / 8
		for i := 0; i < m; i += 2 {
			i1 := min(i+1, m-1) // an odd last row is computed twice, kept once
			a0 := row(a, lda, i)[p0 : p0+kb]
			a1 := row(a, lda, i1)[p0 : p0+kb]
			for j := 0; j < n; j += 4 {
				var bj [4][]float32
				for t := range bj {
					bj[t] = row(b, ldb, min(j+t, n-1))[p0 : p0+kb]
				}
				dotKernel(k8, a0, a1, bj[0], bj[1], bj[2], bj[3], &out)
				for r, ar := range [2][]float32{a0, a1} {
					if i+r >= m {
						break
					}
					for t := 0; t < 4 && j+t < n; t++ {
						var s float32
						for _, v := range out[(r*4+t)*8 : (r*4+t)*8+8] {
							s += v
						}
						for p := k8 * 8; p < kb; p++ {
							s += ar[p] * bj[t][p]
						}
						c[(i+r)*ldc+j+t] += alpha * s
					}
				}
			}
		}
	}
}
