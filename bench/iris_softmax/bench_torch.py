"""Chapter 3: iris, Linear(4,5)-sigmoid-Linear(5,3), CrossEntropyLoss (the
chapter's Softmax(dim=1) before it), SGD lr 0.3, 2000 full-batch steps;
accuracy on the 112 training rows as the chapter counts it."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import report, torch, train_iris  # noqa: E402

net, X_train, _, y_train, _, loss, seconds = train_iris(
    0, 3, 0.3, torch.nn.CrossEntropyLoss(), lambda y: y)
with torch.no_grad():
    correct = (net(X_train).argmax(1) == y_train).sum().item()
report("iris_softmax", seconds, correct / len(y_train),
       final_loss=loss.item(), train_correct=correct)
