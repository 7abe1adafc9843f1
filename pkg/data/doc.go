// Package data feeds examples to a model, as torch.utils.data and
// torchvision.transforms do in the chapters: datasets, the DataLoader that hands them
// out in (shuffled) batches, ways to split a dataset, and the transforms that turn
// images into tensors.
//
// A PyTorch reader finds each name where they expect it:
//
//	transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
//	trainloader = DataLoader(trainset, batch_size=20, shuffle=True)
//	for inputs, labels in trainloader: ...
//	train_set, valid_set = random_split(dataset, (48000, 12000))
//	X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target)
//
// becomes
//
//	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
//	trainloader := &data.DataLoader{Dataset: trainset, BatchSize: 20, Shuffle: true}
//	for inputs, labels := range trainloader.All() { … }
//	parts := data.RandomSplit(dataset, []int{48000, 12000}, tensor.NewGenerator(1))
//	xTrain, xTest, yTrain, yTest := data.TrainTestSplit(iris.Data, iris.Target)
//
// (the Examples of Compose, DataLoader, RandomSplit and TrainTestSplit run these lines).
//
// A Dataset is anything with Len and Get(i) (an input and its label as tensors);
// TensorDataset pairs the rows of two tensors, Subset is a part of a dataset.
// The DataLoader stacks items into batches along a new first dimension; a dataset that
// can build a batch faster itself implements Batcher (MNIST converts a batch of 20
// images by one table lookup per pixel, straight into the batch's float32 buffer).
//
// Randomness is seeded so that a program, or a notebook cell run again, repeats itself.
// A DataLoader's shuffle order in epoch e depends only on its seed and e. TrainTestSplit
// shuffles with numpy's Mersenne Twister, so RandomState(42) picks exactly the rows
// scikit-learn's train_test_split(…, random_state=42) picks. Without explicit seeds,
// seeds are drawn from the global generator, which tensor.ManualSeed fixes.
//
// The transforms compute what torchvision computes, bit for bit in float32; the tests
// compare every byte value with torchvision's output recorded in testdata.
package data
