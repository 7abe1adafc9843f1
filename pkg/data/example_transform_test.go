package data_test

import (
	"fmt"
	"image"

	"github.com/kosaku-dl/kosaku/pkg/data"
)

// Chapter 7's transform: ToTensor maps the bytes 0..255 to 0..1, Normalize with mean
// 0.5 and standard deviation 0.5 then maps those to -1..1. It prints as torchvision
// prints transforms.Compose.
func ExampleCompose() {
	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
	img := image.NewGray(image.Rect(0, 0, 3, 1)) // three pixels: black, grey, white
	img.Pix = []uint8{0, 51, 255}
	fmt.Println(transform)
	fmt.Println(transform.Apply(img))
	// Output:
	// Compose(
	//     ToTensor()
	//     Normalize(mean=(0.5,), std=(0.5,))
	// )
	// tensor([[[-1.0000, -0.6000,  1.0000]]])
}
