package datasets

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// chapterTransform is the chapters' transforms.Compose([ToTensor(), Normalize((0.5,), (0.5,))]).
func chapterTransform() data.Transform {
	return data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
}

var (
	trainOnce sync.Once
	trainSet  *MNISTDataset
	trainErr  error
)

// mnistTrain loads the training set once for all tests (from the module cache).
func mnistTrain(t testing.TB) *MNISTDataset {
	trainOnce.Do(func() { trainSet, trainErr = MNIST("", true, chapterTransform(), false) })
	if trainErr != nil {
		t.Fatal(trainErr)
	}
	return trainSet
}

func TestMNISTMatchesTorchvision(t *testing.T) {
	ref := loadReference(t).MNIST
	test, err := MNIST("", false, chapterTransform(), false)
	if err != nil {
		t.Fatal(err)
	}
	for name, ds := range map[string]*MNISTDataset{"train": mnistTrain(t), "test": test} {
		r := ref[name]
		if ds.Len() != r.Len || !slices.Equal(ds.Data.Shape(), r.DataShape) {
			t.Fatalf("%s: %d items of %v, torchvision has %d of %v", name, ds.Len(), ds.Data.Shape(), r.Len, r.DataShape)
		}
		if ds.Targets.DType() != tensor.Int64 || !slices.Equal(ds.Targets.Int64s()[:20], r.FirstLabels) {
			t.Errorf("%s: first targets %v, want %v", name, ds.Targets.Int64s()[:20], r.FirstLabels)
		}
		counts := make([]int, 10)
		for i := range ds.Len() {
			counts[ds.Label(i)]++
		}
		if !slices.Equal(counts, r.LabelCounts) {
			t.Errorf("%s: label counts %v, want %v", name, counts, r.LabelCounts)
		}
		sum := func(b []uint8) (s int64) {
			for _, v := range b {
				s += int64(v)
			}
			return s
		}
		if got := sum(ds.Data.Bytes(0)); got != int64(r.PixelSum0) {
			t.Errorf("%s: pixel sum of image 0 = %d, want %d", name, got, r.PixelSum0)
		}
		if got := sum(ds.Data.Bytes(ds.Len() - 1)); got != int64(r.PixelSumLast) {
			t.Errorf("%s: pixel sum of the last image = %d, want %d", name, got, r.PixelSumLast)
		}
		if got := sum(ds.Data.Pix); got != r.PixelSumAll {
			t.Errorf("%s: pixel sum of all images = %d, want %d", name, got, r.PixelSumAll)
		}
		if !slices.EqualFunc(ds.Data.Rows(0), r.Rows0, slices.Equal) {
			t.Errorf("%s: image 0 differs from torchvision's data[0]", name)
		}

		// image, label = trainset[0]
		image, label := ds.Get(0)
		if int(label.Item()) != r.Item0Label || label.DType() != tensor.Int64 || label.Dim() != 0 {
			t.Errorf("%s: label %v, want %d as a 0-d int64", name, label, r.Item0Label)
		}
		if !slices.Equal([]int(image.Shape()), r.Item0Shape) || image.DType().String() != r.Item0DType {
			t.Errorf("%s: image %v %v, want %v %s", name, image.Shape(), image.DType(), r.Item0Shape, r.Item0DType)
		}
		px := image.Float32s()
		for x, want := range r.Item0Row14 {
			if px[14*28+x] != float32(want) {
				t.Fatalf("%s: image 0 row 14 = %v, torchvision gives %v", name, px[14*28:15*28], r.Item0Row14)
			}
		}
		var s float64
		lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
		for _, v := range px {
			s += float64(v)
			lo, hi = min(lo, v), max(hi, v)
		}
		if math.Abs(s-r.Item0Sum) > 1e-9 || float64(lo) != r.Item0Min || float64(hi) != r.Item0Max {
			t.Errorf("%s: image 0 sum %v in [%v, %v], torchvision %v in [%v, %v]", name, s, lo, hi, r.Item0Sum, r.Item0Min, r.Item0Max)
		}
	}
	if test.Label(0) != 7 || test.Len() != 10000 {
		t.Errorf("test set: %d items, first label %d", test.Len(), test.Label(0))
	}
}

func TestMNISTImages(t *testing.T) {
	ds := mnistTrain(t)
	img := ds.Data.Image(0)
	if img.Bounds().Dx() != 28 || img.Bounds().Dy() != 28 {
		t.Fatalf("image bounds %v", img.Bounds())
	}
	for y := range 28 {
		for x := range 28 {
			if img.GrayAt(x, y).Y != ds.Data.At(0, y, x) {
				t.Fatalf("pixel (%d, %d): image.Gray %d, At %d", y, x, img.GrayAt(x, y).Y, ds.Data.At(0, y, x))
			}
		}
	}
	rows := ds.Data.Rows(0)
	if len(rows) != 28 || len(rows[0]) != 28 {
		t.Errorf("Rows(0) is %d x %d", len(rows), len(rows[0]))
	}
}

// pixelwiseOff is the chapters' transform behind a type ByteTable does not know, which
// forces MNISTDataset.Batch onto its per-image path.
type pixelwiseOff struct{ data.Transform }

func (p pixelwiseOff) String() string { return "pixelwiseOff" }

func TestMNISTBatchEqualsStackedItems(t *testing.T) {
	ds := mnistTrain(t)
	idx := []int{0, 59999, 17, 17, 31337}
	for _, tr := range []data.Transform{chapterTransform(), data.ToTensor(), pixelwiseOff{chapterTransform()}, nil} {
		ds.Transform = tr
		x, y := ds.Batch(idx)
		xs := make([]*tensor.Tensor, len(idx))
		ys := make([]*tensor.Tensor, len(idx))
		for k, i := range idx {
			xs[k], ys[k] = ds.Get(i)
		}
		sx, sy := tensor.Stack(xs, 0), tensor.Stack(ys, 0)
		if !slices.Equal([]int(x.Shape()), []int{5, 1, 28, 28}) || !slices.Equal(x.Float32s(), sx.Float32s()) {
			t.Errorf("transform %v: Batch images differ from stacked Get (shape %v)", tr, x.Shape())
		}
		if y.DType() != tensor.Int64 || !slices.Equal(y.Int64s(), sy.Int64s()) {
			t.Errorf("transform %v: Batch labels %v, stacked %v", tr, y, sy)
		}
	}
	ds.Transform = chapterTransform()
}

func TestMNISTLoaderEpoch(t *testing.T) {
	ds := mnistTrain(t)
	parts := data.RandomSplit(ds, []int{48000, 12000}, tensor.NewGenerator(1))
	l := &data.DataLoader{Dataset: parts[1], BatchSize: 20, Shuffle: true, ShuffleSeed: 1}
	if l.Len() != 600 {
		t.Fatalf("Len = %d, want 600", l.Len())
	}
	batches, items := 0, 0
	for x, y := range l.All() {
		if !slices.Equal([]int(x.Shape()), []int{20, 1, 28, 28}) || !slices.Equal([]int(y.Shape()), []int{20}) {
			t.Fatalf("batch %d shapes %v %v", batches, x.Shape(), y.Shape())
		}
		batches++
		items += y.Len()
	}
	if batches != 600 || items != 12000 {
		t.Errorf("%d batches, %d items; want 600, 12000", batches, items)
	}
}

// BenchmarkMNISTLoaderEpoch measures one shuffled epoch of the chapters' training
// loader (60,000 images, batch 20, ToTensor + Normalize), the data side of a
// training epoch.
func BenchmarkMNISTLoaderEpoch(b *testing.B) {
	ds := mnistTrain(b)
	l := &data.DataLoader{Dataset: ds, BatchSize: 20, Shuffle: true, ShuffleSeed: 1}
	b.ReportAllocs()
	for b.Loop() {
		for x, y := range l.All() {
			_, _ = x, y
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/epoch")
}

// Loaders over two parts of one dataset may run in separate goroutines (training and
// validation overlapped): batching shares only read-only data and a locked table cache.
// Run with -race to check.
func TestMNISTConcurrentLoaders(t *testing.T) {
	ds := mnistTrain(t)
	parts := data.RandomSplit(ds, []int{59000, 1000}, tensor.NewGenerator(2))
	var wg sync.WaitGroup
	sums := make([]float64, 2)
	for k, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := &data.DataLoader{Dataset: p, BatchSize: 50}
			n := 0
			for x := range l.All() {
				sums[k] += float64(x.Float32s()[0])
				if n++; n == 20 {
					break
				}
			}
		}()
	}
	wg.Wait()
	// Pixel (0, 0) is background in every MNIST image: -1 after the transform.
	if sums[0] != -20 || sums[1] != -20 {
		t.Errorf("first-pixel sums %v, want -20 each", sums)
	}
}

func TestMNISTString(t *testing.T) {
	root := t.TempDir()
	ds := mnistTrain(t)
	ds.Root = root
	defer func() { ds.Root = "" }()
	want := "Dataset MNIST\n    Number of datapoints: 60000\n    Root location: " + root + "\n    Split: Train\n    StandardTransform\n" +
		"Transform: Compose(\n               ToTensor()\n               Normalize(mean=(0.5,), std=(0.5,))\n           )"
	if got := ds.String(); got != want {
		t.Errorf("String():\n%s\nwant (torchvision's print(trainset)):\n%s", got, want)
	}
	if got := ds.Data.Shape().String(); got != "torch.Size([60000, 28, 28])" {
		t.Errorf("Data.Shape() = %s", got)
	}
}
