package fastblas

// packA copies the mc x kc block of alpha*op(A) starting at row i0, column
// p0 into dst as ceil(mc/mr) panels; panel r holds, for each p, the mr values
// op(A)[i0+r*mr+0..mr-1, p0+p]. Rows past mc are zero so the kernel can
// always compute full tiles. Folding alpha in here costs nothing extra.
func packA(dst []float32, a []float32, lda int, trans bool, i0, p0, mc, kc int, alpha float32) {
	for ir := 0; ir < mc; ir += mr {
		rows := min(mr, mc-ir)
		panel := dst[ir*kc : ir*kc+mr*kc]
		if !trans {
			for r := 0; r < rows; r++ {
				src := a[(i0+ir+r)*lda+p0 : (i0+ir+r)*lda+p0+kc]
				for p, v := range src {
					panel[p*mr+r] = alpha * v
				}
			}
		} else {
			for p := 0; p < kc; p++ {
				src := a[(p0+p)*lda+i0+ir : (p0+p)*lda+i0+ir+rows]
				d := panel[p*mr : p*mr+mr]
				for r, v := range src {
					d[r] = alpha * v
				}
			}
		}
		if rows < mr {
			for p := 0; p < kc; p++ {
				d := panel[p*mr+rows : p*mr+mr]
				for r := range d {
					d[r] = 0
				}
			}
		}
	}
}

// packB copies the kc x nc block of op(B) starting at row p0, column j0
// into dst as ceil(nc/nr) panels; panel s holds, for each p, the nr values
// op(B)[p0+p, j0+s*nr+0..nr-1], zero past nc.
func packB(dst []float32, b []float32, ldb int, trans bool, p0, j0, kc, nc int) {
	for jr := 0; jr < nc; jr += nr {
		cols := min(nr, nc-jr)
		panel := dst[jr*kc : jr*kc+nr*kc]
		if !trans {
			for p := 0; p < kc; p++ {
				src := b[(p0+p)*ldb+j0+jr : (p0+p)*ldb+j0+jr+cols]
				d := panel[p*nr : p*nr+nr]
				copy(d, src)
				for j := cols; j < nr; j++ {
					d[j] = 0
				}
			}
		} else {
			// Read the panel's rows side by side, p by p, so the writes
			// are sequential and the reads are nr sequential streams
			// (row-by-row scattered every write to a new cache line).
			var rows [nr][]float32
			for j := 0; j < cols; j++ {
				rows[j] = b[(j0+jr+j)*ldb+p0 : (j0+jr+j)*ldb+p0+kc]
			}
			if cols == nr {
				for p := 0; p < kc; p++ {
					d := (*[nr]float32)(panel[p*nr : p*nr+nr])
					for j := range d {
						d[j] = rows[j][p]
					}
				}
				continue
			}
			for p := 0; p < kc; p++ {
				d := panel[p*nr : p*nr+cols]
				for j := range d {
					d[j] = rows[j][p]
				}
			}
			if cols < nr {
				for p := 0; p < kc; p++ {
					d := panel[p*nr+cols : p*nr+nr]
					for j := range d {
						d[j] = 0
					}
				}
			}
		}
	}
}
