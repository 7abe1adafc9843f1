"""Chapter 8: the MNIST CNN, CrossEntropyLoss, SGD lr 0.001 momentum 0.9,
1 epoch of the shuffled training loader (batch 20); accuracy on the 10,000
test images (evaluated after the timed epoch)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import CNN, Timer, chapter_sgd, evaluate, mnist_loaders, report, torch, train_epoch  # noqa: E402

torch.manual_seed(0)
trainset, testset, trainloader, testloader = mnist_loaders()
net = CNN()
criterion, optimizer = chapter_sgd(net)
with Timer() as t:
    train_loss, train_correct = train_epoch(net, trainloader, criterion, optimizer)
_, correct = evaluate(net, testloader, criterion)
report("mnist_cnn", t.seconds, correct / len(testset),
       train_loss_mean=train_loss / len(trainloader), train_accuracy=train_correct / len(trainset))
