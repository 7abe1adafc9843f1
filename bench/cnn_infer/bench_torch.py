"""CNN inference: the chapter 8 CNN, trained one (untimed) epoch as in
mnist_cnn, then the timed part: eval mode, no grad, the 10,000 test images
through the test loader (batch 20, not shuffled), counting correct ones."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import CNN, Timer, chapter_sgd, evaluate, mnist_loaders, report, torch, train_epoch  # noqa: E402

torch.manual_seed(0)
_, testset, trainloader, testloader = mnist_loaders()
net = CNN()
criterion, optimizer = chapter_sgd(net)
train_epoch(net, trainloader, criterion, optimizer)
with Timer() as t:
    _, correct = evaluate(net, testloader, criterion)
report("cnn_infer", t.seconds, correct / len(testset), correct=correct)
