package datasets

import (
	"fmt"
	"slices"
)

// mnistCounts are the sizes of MNIST's two sets.
const (
	mnistTrainCount = 60000
	mnistTestCount  = 10000
)

// loadMNISTRaw loads the images and labels of MNIST's training set (train) or test set
// and checks that they fit together: 28x28 images, one label per image, labels 0..9.
// from is the file the images came from.
func loadMNISTRaw(root string, train, download bool) (images *Images, labels []uint8, from string, err error) {
	imgFile, lblFile, count := mnistTestImages, mnistTestLabels, mnistTestCount
	if train {
		imgFile, lblFile, count = mnistTrainImages, mnistTrainLabels, mnistTrainCount
	}
	img, from, err := loadMNISTFile(root, imgFile, download)
	if err != nil {
		return nil, nil, "", err
	}
	lbl, _, err := loadMNISTFile(root, lblFile, download)
	if err != nil {
		return nil, nil, "", err
	}
	// The checksums already vouch for the files; these checks guard the code that
	// interprets them and name the defect should the checksum table ever be wrong.
	if !slices.Equal(img.Dims, []int{count, 28, 28}) {
		return nil, nil, "", fmt.Errorf("datasets.MNIST: %s holds images of shape %v, want [%d 28 28]", imgFile.name, img.Dims, count)
	}
	if !slices.Equal(lbl.Dims, []int{count}) {
		return nil, nil, "", fmt.Errorf("datasets.MNIST: %s holds labels of shape %v, want [%d]", lblFile.name, lbl.Dims, count)
	}
	for i, l := range lbl.Data {
		if l > 9 {
			return nil, nil, "", fmt.Errorf("datasets.MNIST: %s: label %d of item %d is not a digit", lblFile.name, l, i)
		}
	}
	return &Images{Pix: img.Data, N: count, H: 28, W: 28}, lbl.Data, from, nil
}
