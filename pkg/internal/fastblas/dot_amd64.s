#include "textflag.h"

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

	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7

	TESTQ CX, CX
	JZ    done

loop:
	VMOVUPS     (SI), Y8
	VMOVUPS     (DI), Y9
	VMOVUPS     (R8), Y10
	VMOVUPS     (R9), Y11
	VMOVUPS     (R10), Y12
	VMOVUPS     (R11), Y13
	VFMADD231PS Y10, Y8, Y0
	VFMADD231PS Y11, Y8, Y1
	VFMADD231PS Y12, Y8, Y2
	VFMADD231PS Y13, Y8, Y3
	VFMADD231PS Y10, Y9, Y4
	VFMADD231PS Y11, Y9, Y5
	VFMADD231PS Y12, Y9, Y6
	VFMADD231PS Y13, Y9, Y7
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, R10
	ADDQ        $32, R11
	DECQ        CX
	JNZ         loop

done:
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, 64(DX)
	VMOVUPS Y3, 96(DX)
	VMOVUPS Y4, 128(DX)
	VMOVUPS Y5, 160(DX)
	VMOVUPS Y6, 192(DX)
	VMOVUPS Y7, 224(DX)
	VZEROUPPER
	RET
