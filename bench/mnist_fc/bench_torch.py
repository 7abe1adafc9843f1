"""Chapter 7: MNIST, Net 784-64-10 with ReLU, CrossEntropyLoss, SGD lr 0.001
momentum 0.9, 1 epoch of the shuffled training loader (batch 20,
ToTensor + Normalize(0.5, 0.5)); accuracy on the 10,000 test images
(evaluated after the timed epoch)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import MLP, Timer, chapter_sgd, evaluate, mnist_loaders, report, torch, train_epoch  # noqa: E402

torch.manual_seed(0)
trainset, testset, trainloader, testloader = mnist_loaders()
net = MLP(784, 64, 10, torch.nn.functional.relu)
criterion, optimizer = chapter_sgd(net)
with Timer() as t:
    train_loss, train_correct = train_epoch(net, trainloader, criterion, optimizer, flatten=True)
_, correct = evaluate(net, testloader, criterion, flatten=True)
report("mnist_fc", t.seconds, correct / len(testset),
       train_loss_mean=train_loss / len(trainloader), train_accuracy=train_correct / len(trainset))
