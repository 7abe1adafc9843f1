"""Chapter 7: MNIST, Net 784-64-10 with ReLU, CrossEntropyLoss, SGD lr 0.001
momentum 0.9, 1 epoch of the shuffled training loader (batch 20,
ToTensor + Normalize(0.5, 0.5)); accuracy on the 10,000 test images
(evaluated after the timed epoch)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import Timer, evaluate, mnist, report, torch, train_epoch  # noqa: E402

torch.manual_seed(0)
trainset, testset = mnist(True), mnist(False)
trainloader = torch.utils.data.DataLoader(trainset, batch_size=20, shuffle=True)
testloader = torch.utils.data.DataLoader(testset, batch_size=20, shuffle=False)


class Net(torch.nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.fc1 = torch.nn.Linear(input_size, hidden_size)
        self.fc2 = torch.nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.fc2(torch.nn.functional.relu(self.fc1(x)))


net = Net(784, 64, 10)
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
with Timer() as t:
    train_loss, train_correct = train_epoch(net, trainloader, criterion, optimizer, flatten=True)
_, correct = evaluate(net, testloader, criterion, flatten=True)
report("mnist_fc", t.seconds, correct / len(testset),
       train_loss_mean=train_loss / len(trainloader), train_accuracy=train_correct / len(trainset))
