#include "textflag.h"

// Each loop handles 8 floats (one YMM register) per iteration; n is a positive
// multiple of 8. Unaligned loads and stores: slices carry no alignment promise.

// func reluAVX2(n int, dst, src *float32)
//
// The mask is "not x <= 0" as an unordered, quiet comparison (predicate 0x16,
// NLE_UQ): true for x > 0 and for every NaN, false for -0, +0 and negatives. Masking
// x keeps the positives and the NaNs and makes the rest +0; clearing the sign bit
// too gives a NaN the sign max(x, 0) gives it in Go (positive, payload kept).
TEXT ·reluAVX2(SB), NOSPLIT, $0-24
	MOVQ     n+0(FP), CX
	MOVQ     dst+8(FP), DI
	MOVQ     src+16(FP), SI
	VXORPS   Y0, Y0, Y0
	VPCMPEQD Y3, Y3, Y3
	VPSRLD   $1, Y3, Y3 // 0x7fffffff in every lane
	SHRQ     $3, CX

relu:
	VMOVUPS (SI), Y1
	VCMPPS  $0x16, Y0, Y1, Y2 // Y2 = !(x <= 0) ? all ones : 0
	VANDPS  Y1, Y2, Y2
	VANDPS  Y3, Y2, Y2
	VMOVUPS Y2, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     relu
	VZEROUPPER
	RET

// func reluGradAVX2(n int, dst, grad, y *float32)
//
// The mask is y > 0 as an ordered, quiet comparison (predicate 0x1e, GT_OQ): false
// for a NaN y, like v > 0 in Go.
TEXT ·reluGradAVX2(SB), NOSPLIT, $0-32
	MOVQ   n+0(FP), CX
	MOVQ   dst+8(FP), DI
	MOVQ   grad+16(FP), SI
	MOVQ   y+24(FP), DX
	VXORPS Y0, Y0, Y0
	SHRQ   $3, CX

grad:
	VMOVUPS (DX), Y1
	VCMPPS  $0x1e, Y0, Y1, Y2 // Y2 = y > 0 ? all ones : 0
	VANDPS  (SI), Y2, Y3
	VMOVUPS Y3, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     grad
	VZEROUPPER
	RET

// func momentumAVX2(n int, p, grad, buf *float32, m, negLR float32)
//
// Separate multiplies and adds, never FMA: each product is rounded to float32
// before its sum, as in the Go loop.
TEXT ·momentumAVX2(SB), NOSPLIT, $0-40
	MOVQ         n+0(FP), CX
	MOVQ         p+8(FP), DI
	MOVQ         grad+16(FP), SI
	MOVQ         buf+24(FP), DX
	VBROADCASTSS m+32(FP), Y0
	VBROADCASTSS negLR+36(FP), Y1
	SHRQ         $3, CX

step:
	VMULPS  (DX), Y0, Y2 // buf*m
	VADDPS  (SI), Y2, Y2 // + g
	VMOVUPS Y2, (DX)
	VMULPS  Y2, Y1, Y3   // negLR*buf
	VADDPS  (DI), Y3, Y3 // p + ...
	VMOVUPS Y3, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     step
	VZEROUPPER
	RET

// func addRowsAVX2(dst *float32, ldd int, src *float32, lds, rows, cols int)
//
// rows >= 1 rows of cols floats (a positive multiple of 8), strides in floats.
TEXT ·addRowsAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ ldd+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ lds+24(FP), R9
	MOVQ rows+32(FP), DX
	MOVQ cols+40(FP), R10
	SHLQ $2, R8
	SHLQ $2, R9
	SHRQ $3, R10

row:
	MOVQ DI, AX
	MOVQ SI, BX
	MOVQ R10, CX

col:
	VMOVUPS (AX), Y0
	VADDPS  (BX), Y0, Y0 // dst + src: with two NaNs, dst's wins, as in the Go loop
	VMOVUPS Y0, (AX)
	ADDQ    $32, AX
	ADDQ    $32, BX
	DECQ    CX
	JNZ     col
	ADDQ    R8, DI
	ADDQ    R9, SI
	DECQ    DX
	JNZ     row
	VZEROUPPER
	RET

// Lane i of a pooled row segment starts at input column 2i.
DATA evenCols<>+0(SB)/4, $0
DATA evenCols<>+4(SB)/4, $2
DATA evenCols<>+8(SB)/4, $4
DATA evenCols<>+12(SB)/4, $6
DATA evenCols<>+16(SB)/4, $8
DATA evenCols<>+20(SB)/4, $10
DATA evenCols<>+24(SB)/4, $12
DATA evenCols<>+28(SB)/4, $14
GLOBL evenCols<>(SB), RODATA|NOPTR, $32

// func maxPool8AVX2(top, bot, out *float32, idx *int32, base, w int32) bool
//
// The 16 floats of each row are split into even and odd columns (a = top even,
// b = top odd, c = bottom even, d = bottom odd; VSHUFPS picks within 128-bit halves,
// VPERMPD puts the halves in order). Without NaNs, VMAXPS gives the maximum m (up to
// the sign of a zero); then d, c, b, a in turn replace the winner where they equal m,
// so the first equal value in row-major order wins, value and position.
TEXT ·maxPool8AVX2(SB), NOSPLIT, $0-41
	MOVQ top+0(FP), SI
	MOVQ bot+8(FP), DX
	MOVQ out+16(FP), DI
	MOVQ idx+24(FP), R8

	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VSHUFPS $0x88, Y1, Y0, Y2 // a
	VSHUFPS $0xdd, Y1, Y0, Y3 // b
	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1
	VSHUFPS $0x88, Y1, Y0, Y4 // c
	VSHUFPS $0xdd, Y1, Y0, Y5 // d
	VPERMPD $0xd8, Y2, Y2
	VPERMPD $0xd8, Y3, Y3
	VPERMPD $0xd8, Y4, Y4
	VPERMPD $0xd8, Y5, Y5

	// Any NaN: leave these windows to the caller.
	VCMPPS    $3, Y3, Y2, Y0 // unordered: a or b is NaN
	VCMPPS    $3, Y5, Y4, Y1
	VORPS     Y1, Y0, Y0
	VMOVMSKPS Y0, AX
	TESTL     AX, AX
	JNZ       nan

	VMAXPS Y3, Y2, Y0
	VMAXPS Y5, Y4, Y1
	VMAXPS Y1, Y0, Y6 // m

	MOVL         w+36(FP), AX
	VMOVD        AX, X7
	VPBROADCASTD X7, Y7 // position of c: w
	VPCMPEQD     Y8, Y8, Y8
	VPSUBD       Y8, Y7, Y9 // position of d: w+1
	VPSRLD       $31, Y8, Y10 // position of b: 1
	VPXOR        Y11, Y11, Y11 // position of a: 0

	VMOVAPS   Y5, Y12 // winner value, starting with d
	VMOVAPS   Y9, Y13 // winner position
	VCMPPS    $0, Y6, Y4, Y0 // c == m
	VBLENDVPS Y0, Y4, Y12, Y12
	VBLENDVPS Y0, Y7, Y13, Y13
	VCMPPS    $0, Y6, Y3, Y0 // b == m
	VBLENDVPS Y0, Y3, Y12, Y12
	VBLENDVPS Y0, Y10, Y13, Y13
	VCMPPS    $0, Y6, Y2, Y0 // a == m
	VBLENDVPS Y0, Y2, Y12, Y12
	VBLENDVPS Y0, Y11, Y13, Y13

	MOVL         base+32(FP), AX
	VMOVD        AX, X0
	VPBROADCASTD X0, Y0
	VPADDD       evenCols<>(SB), Y0, Y0
	VPADDD       Y0, Y13, Y13
	VMOVUPS      Y12, (DI)
	VMOVDQU      Y13, (R8)
	VZEROUPPER
	MOVB         $1, ret+40(FP)
	RET

nan:
	VZEROUPPER
	MOVB $0, ret+40(FP)
	RET
