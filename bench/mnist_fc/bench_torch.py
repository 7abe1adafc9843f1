"""Chapter 7: MNIST, Net 784-64-10 with ReLU, CrossEntropyLoss, SGD lr 0.001
momentum 0.9, 1 epoch of the shuffled training loader (batch 20,
ToTensor + Normalize(0.5, 0.5)); accuracy on the 10,000 test images
(evaluated after the timed epoch)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import MLP, timed_epoch, torch  # noqa: E402

torch.manual_seed(0)
timed_epoch("mnist_fc", lambda: MLP(784, 64, 10, torch.nn.functional.relu), flatten=True)
