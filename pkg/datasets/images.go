package datasets

import (
	"fmt"
	"image"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Images is a stack of N grayscale images of H x W pixels kept as raw bytes (0 = black,
// 255 = white), row-major: the Go form of torchvision's uint8 tensor trainset.data of
// shape [N, H, W]. Keeping bytes (47 MB for MNIST's training set) instead of floats is
// what lets a dataset hold all of MNIST cheaply; the transform makes floats per batch.
type Images struct {
	Pix     []uint8 // N*H*W bytes; image i starts at i*H*W
	N, H, W int
}

// Len is the number of images, len(trainset.data) in the chapter.
func (m *Images) Len() int { return m.N }

// Shape is [N, H, W]; it prints as trainset.data.shape does: torch.Size([60000, 28, 28]).
func (m *Images) Shape() tensor.Size { return tensor.Size{m.N, m.H, m.W} }

// At is the value of pixel (y, x) of image i: trainset.data[i][y][x].
func (m *Images) At(i, y, x int) uint8 {
	m.check("At", i)
	if y < 0 || y >= m.H || x < 0 || x >= m.W {
		panic(fmt.Sprintf("datasets.Images.At: pixel (%d, %d) is outside an image of %d x %d", y, x, m.H, m.W))
	}
	return m.Pix[(i*m.H+y)*m.W+x]
}

// Bytes is image i as H*W bytes, row-major, sharing memory with the stack.
func (m *Images) Bytes(i int) []uint8 {
	m.check("Bytes", i)
	n := m.H * m.W
	return m.Pix[i*n : (i+1)*n : (i+1)*n]
}

// Rows is image i as H rows of W pixels sharing memory with the stack, for printing the
// image row by row as the chapter does (len(rows) is the height, len(rows[0]) the width).
func (m *Images) Rows(i int) [][]uint8 {
	b := m.Bytes(i)
	rows := make([][]uint8, m.H)
	for y := range rows {
		rows[y] = b[y*m.W : (y+1)*m.W : (y+1)*m.W]
	}
	return rows
}

// Image is image i as a standard library *image.Gray sharing memory with the stack, so
// anything that draws or encodes Go images (image/png, package plot) can show it.
func (m *Images) Image(i int) *image.Gray {
	return &image.Gray{Pix: m.Bytes(i), Stride: m.W, Rect: image.Rect(0, 0, m.W, m.H)}
}

func (m *Images) check(op string, i int) {
	if i < 0 || i >= m.N {
		panic(fmt.Sprintf("datasets.Images.%s: index %d is out of range for %d images", op, i, m.N))
	}
}
