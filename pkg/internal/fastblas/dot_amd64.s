#include "textflag.h"
#include "fma_amd64.h"

// func dot2x4AVX2(n int, a0, a1, b0, b1, b2, b3 *float32, out *[64]float32)
//
// Eight dot products of length 8*n at once: rows a0, a1 against rows
// b0..b3. Each step loads six 8-float vectors and issues eight FMAs into
// eight independent accumulators (enough chains to hide FMA latency). The
// accumulators are stored unreduced to out; the caller sums lanes.
TEXT ·dot2x4AVX2(SB), NOSPLIT, $0-64
	MOVQ n+0(FP), CX
	MOVQ a0+8(FP), SI
	MOVQ a1+16(FP), DI
	MOVQ b0+24(FP), R8
	MOVQ b1+32(FP), R9
	MOVQ b2+40(FP), R10
	MOVQ b3+48(FP), R11
	MOVQ out+56(FP), DX

	ZERO8

	TESTQ CX, CX
	JZ    done

loop:
	VMOVUPS     (SI), Y8
	VMOVUPS     (DI), Y9
	VMOVUPS     (R8), Y10
	VMOVUPS     (R9), Y11
	VMOVUPS     (R10), Y12
	VMOVUPS     (R11), Y13
	STEP2x4
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, R10
	ADDQ        $32, R11
	DECQ        CX
	JNZ         loop

done:
	STORE8
	VZEROUPPER
	RET
