package fastblas

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/kosaku-dl/kosaku/pkg/internal/parallel"
)

// Implementation is gonum's pure-Go BLAS with a faster Sgemm. Every other
// routine is gonum's own, through the embedded value.
type Implementation struct {
	gonum.Implementation
}

var _ blas.Float32 = Implementation{}

// Cache blocking: a kc x nr panel of packed B (16 KiB at kc=256) stays in
// L1 while the kernel streams mr-row panels of the mc x kc block of A
// (72 KiB) from L2; the kc x nc block of B (up to 4 MiB) lives in L3.
const (
	kcBlock = 256
	mcBlock = 72
	ncBlock = 4096
)

// parallelFlops is the product size 2*m*n*k from which Sgemm splits the
// work over goroutines; below it the start-up cost outweighs the gain.
const parallelFlops = 1 << 17

// workers, when positive, overrides how many goroutines a large product is
// shared over (tests set it); otherwise a product of flops operations takes one
// goroutine per parallel.MinFlops, up to GOMAXPROCS.
var workers = 0

func workerCount(flops int) int {
	if workers > 0 {
		return workers
	}
	return parallel.Workers(flops, parallel.MinFlops)
}

// Sgemm computes C = alpha*op(A)*op(B) + beta*C with gonum's semantics
// (row-major storage, op(X) = X or Xᵀ). Invalid arguments panic with
// gonum's own messages.
func (impl Implementation) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if !validArgs(tA, tB, m, n, k, a, lda, b, ldb, c, ldc) {
		// gonum panics with the precise message for whichever check failed.
		impl.Implementation.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		panic("fastblas: Sgemm: invalid arguments")
	}
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	// With beta == 0 the first k block stores its tiles instead of adding
	// them (add false), so C is never cleared or read beforehand.
	add := beta != 0
	if add {
		scaleC(m, n, beta, c, ldc)
	}
	aT := tA != blas.NoTrans
	bT := tB != blas.NoTrans
	if 2*m*n*k < parallelFlops {
		gemmSerial(aT, bT, m, n, k, alpha, a, lda, b, ldb, c, ldc, add)
		return
	}
	// The plan (which fixes the rounding) depends on the size alone; how many
	// goroutines share it, on whether each gets enough work to be worth waking.
	w := workerCount(2 * m * n * k)
	parts := share(plan(aT, bT, m, n, k), w)
	run := func(p part) {
		aOff, bOff := p.i0*lda, p.j0
		if aT {
			aOff = p.i0
		}
		if bT {
			bOff = p.j0 * ldb
		}
		gemmOn(p.dot, aT, bT, p.m, p.n, k, alpha, a[aOff:], lda, b[bOff:], ldb, c[p.i0*ldc+p.j0:], ldc, add)
	}
	if w == 1 {
		for _, p := range parts {
			run(p)
		}
		return
	}
	var wg sync.WaitGroup
	for _, p := range parts[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(p)
		}()
	}
	run(parts[0])
	wg.Wait()
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// validArgs mirrors gonum's argument checks without panicking.
func validArgs(tA, tB blas.Transpose, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) bool {
	okT := func(t blas.Transpose) bool {
		return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans
	}
	if !okT(tA) || !okT(tB) || m < 0 || n < 0 || k < 0 {
		return false
	}
	aT := tA != blas.NoTrans
	bT := tB != blas.NoTrans
	if (aT && lda < max(1, m)) || (!aT && lda < max(1, k)) {
		return false
	}
	if (bT && ldb < max(1, k)) || (!bT && ldb < max(1, n)) {
		return false
	}
	if ldc < max(1, n) {
		return false
	}
	if m == 0 || n == 0 {
		return true
	}
	if (aT && len(a) < (k-1)*lda+m) || (!aT && len(a) < (m-1)*lda+k) {
		return false
	}
	if (bT && len(b) < (n-1)*ldb+k) || (!bT && len(b) < (k-1)*ldb+n) {
		return false
	}
	return len(c) >= (m-1)*ldc+n
}

// scaleC sets C = beta*C; beta == 0 clears C (NaNs included), as BLAS does.
func scaleC(m, n int, beta float32, c []float32, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// buffers holds one goroutine's packing space, reused through a pool so a
// training loop does not allocate per product.
type buffers struct {
	a, b []float32
	tile [mr * nr]float32
}

var bufPool = sync.Pool{New: func() any { return new(buffers) }}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// directBMaxM is the largest m for which a non-transposed B is read in
// place rather than packed: with few row panels of A, each B element is
// used once or twice, so copying it costs about as much as using it (the
// lessons' conv forward products have m = 6 and 16).
const directBMaxM = 4 * mr

// gemmSerial adds alpha*op(A)*op(B) to C on the calling goroutine, with the
// blocking described at kcBlock. With add false, C's old contents are
// ignored (beta == 0): the first k block overwrites them.
func gemmSerial(aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, add bool) {
	gemmOn(useDot(aT, bT, m, n, k), aT, bT, m, n, k, alpha, a, lda, b, ldb, c, ldc, add)
}

// gemmOn is gemmSerial on the path chosen by the caller: the dot-product one
// (dot) or the packed one. A block of a split product keeps the path of the
// part it was cut from (see plan).
func gemmOn(dot, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, add bool) {
	if dot {
		if !add {
			scaleC(m, n, 0, c, ldc)
		}
		gemmDot(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	buf := bufPool.Get().(*buffers)
	defer bufPool.Put(buf)
	kern := microKernel
	direct := !bT && m <= directBMaxM
	for jc := 0; jc < n; jc += ncBlock {
		nc := min(ncBlock, n-jc)
		ncPad := ceilDiv(nc, nr) * nr
		lastFull := nc / nr * nr // columns [lastFull, nc) form the ragged panel
		for pc := 0; pc < k; pc += kcBlock {
			kc := min(kcBlock, k-pc)
			addBlock := add || pc > 0
			if direct {
				// Only the ragged last panel needs packing (zero padded).
				if lastFull < nc {
					buf.b = grow(buf.b, nr*kc)
					packB(buf.b, b, ldb, false, pc, jc+lastFull, kc, nc-lastFull)
				}
			} else {
				buf.b = grow(buf.b, ncPad*kc)
				packB(buf.b, b, ldb, bT, pc, jc, kc, nc)
			}
			for ic := 0; ic < m; ic += mcBlock {
				mc := min(mcBlock, m-ic)
				mcPad := ceilDiv(mc, mr) * mr
				buf.a = grow(buf.a, mcPad*kc)
				packA(buf.a, a, lda, aT, ic, pc, mc, kc, alpha)
				for jr := 0; jr < nc; jr += nr {
					cols := min(nr, nc-jr)
					var bp []float32
					bStride := nr
					switch {
					case !direct:
						bp = buf.b[jr*kc : jr*kc+nr*kc]
					case cols == nr:
						bp = b[pc*ldb+jc+jr:]
						bStride = ldb
					default:
						bp = buf.b[:nr*kc]
					}
					for ir := 0; ir < mc; ir += mr {
						rows := min(mr, mc-ir)
						ap := buf.a[ir*kc : ir*kc+mr*kc]
						off := (ic+ir)*ldc + jc + jr
						if rows == mr && cols == nr {
							kern(kc, ap, bp, bStride, c[off:], ldc, addBlock)
							continue
						}
						// Edge tile: compute the full tile aside and
						// write only the part inside C.
						kern(kc, ap, bp, bStride, buf.tile[:], nr, false)
						for i := 0; i < rows; i++ {
							ci := c[off+i*ldc : off+i*ldc+cols]
							ti := buf.tile[i*nr : i*nr+cols]
							if !addBlock {
								copy(ci, ti)
								continue
							}
							for j := range ci {
								ci[j] += ti[j]
							}
						}
					}
				}
			}
		}
	}
}
