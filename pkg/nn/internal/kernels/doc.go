// Package kernels holds the raw loops behind pkg/nn's fused layers, generic over
// float32 and float64 (Float): im2col and col2im for Conv2d (with strides, padding
// and dilation per dim), max pooling with argmax indices, and the fused log-softmax +
// negative log-likelihood of CrossEntropyLoss. It works on plain slices in row-major
// NCHW order and knows nothing of tensors or autograd, so each kernel can be tested
// against a naive reference on its own.
//
// Matrix products go through gonum's blas32 (blas32.Implementation()) for float32 and
// blas64 for float64, so a faster Sgemm plugged in with blas32.Use speeds every layer
// up without changes here.
// Large scratch buffers (the column matrix of a convolution) come from a free list
// and go back to it when the backward pass is done, so a training loop does not
// allocate them once per batch.
package kernels
