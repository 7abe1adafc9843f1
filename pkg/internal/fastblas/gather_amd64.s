#include "textflag.h"

// func gather6x16AVX2(k int, a, b *float32, offs *int, hi int, c *float32, ldc int)
//
// C[0:6, 0:16] = Apanel · B, stored (not added), where Apanel holds k groups of 6
// floats as for kern6x16AVX2 and row p of B is the 8 floats at b + offs[p] followed
// by the 8 floats at b + offs[p] + hi (offs in floats, hi in bytes). The loop body is
// kern6x16AVX2's, instruction for instruction, with the two B loads addressed through
// offs: the same fused multiply-adds in the same order, so the tile equals the packed
// product's bit for bit. A convolution uses it to read its input in place instead of
// through an im2col matrix.
TEXT ·gather6x16AVX2(SB), NOSPLIT, $0-56
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ offs+24(FP), R11
	MOVQ hi+32(FP), BX
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	SHLQ $2, R8

	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11

	TESTQ CX, CX
	JZ    store

loop:
	MOVQ         (R11), R12
	LEAQ         (DI)(R12*4), R13
	VMOVUPS      (R13), Y12
	VMOVUPS      (R13)(BX*1), Y13
	VBROADCASTSS (SI), Y14
	VFMADD231PS  Y12, Y14, Y0
	VFMADD231PS  Y13, Y14, Y1
	VBROADCASTSS 4(SI), Y15
	VFMADD231PS  Y12, Y15, Y2
	VFMADD231PS  Y13, Y15, Y3
	VBROADCASTSS 8(SI), Y14
	VFMADD231PS  Y12, Y14, Y4
	VFMADD231PS  Y13, Y14, Y5
	VBROADCASTSS 12(SI), Y15
	VFMADD231PS  Y12, Y15, Y6
	VFMADD231PS  Y13, Y15, Y7
	VBROADCASTSS 16(SI), Y14
	VFMADD231PS  Y12, Y14, Y8
	VFMADD231PS  Y13, Y14, Y9
	VBROADCASTSS 20(SI), Y15
	VFMADD231PS  Y12, Y15, Y10
	VFMADD231PS  Y13, Y15, Y11
	ADDQ         $24, SI
	ADDQ         $8, R11
	DECQ         CX
	JNZ          loop

store:
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y2, (DX)
	VMOVUPS Y3, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y4, (DX)
	VMOVUPS Y5, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y6, (DX)
	VMOVUPS Y7, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y8, (DX)
	VMOVUPS Y9, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y10, (DX)
	VMOVUPS Y11, 32(DX)
	VZEROUPPER
	RET

// func gatherDot2x4AVX2(n int, a0, a1, b *float32, chunks *int, offs *[4]int, out *[64]float32)
//
// dot2x4AVX2 with rows b0..b3 gathered: step q reads the 8 floats of row t at
// b + chunks[q] + offs[t] (floats). The FMAs and their order are dot2x4AVX2's, so
// the unreduced lanes equal what it gives on the same values laid out contiguously.
TEXT ·gatherDot2x4AVX2(SB), NOSPLIT, $0-56
	MOVQ n+0(FP), CX
	MOVQ a0+8(FP), SI
	MOVQ a1+16(FP), DI
	MOVQ b+24(FP), R8
	MOVQ chunks+32(FP), R12
	MOVQ offs+40(FP), AX
	MOVQ 0(AX), R9
	SHLQ $2, R9
	MOVQ 8(AX), R10
	SHLQ $2, R10
	MOVQ 16(AX), R11
	SHLQ $2, R11
	MOVQ 24(AX), R13
	SHLQ $2, R13
	MOVQ out+48(FP), DX

	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7

	TESTQ CX, CX
	JZ    gdone

gloop:
	MOVQ        (R12), R14
	LEAQ        (R8)(R14*4), R14
	VMOVUPS     (SI), Y8
	VMOVUPS     (DI), Y9
	VMOVUPS     (R14)(R9*1), Y10
	VMOVUPS     (R14)(R10*1), Y11
	VMOVUPS     (R14)(R11*1), Y12
	VMOVUPS     (R14)(R13*1), Y13
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
	ADDQ        $8, R12
	DECQ        CX
	JNZ         gloop

gdone:
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
