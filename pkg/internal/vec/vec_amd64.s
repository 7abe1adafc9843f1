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
