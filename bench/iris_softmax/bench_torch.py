"""Chapter 3: iris, Linear(4,5)-sigmoid-Linear(5,3), CrossEntropyLoss (the
chapter's Softmax(dim=1) before it), SGD lr 0.3, 2000 full-batch steps;
accuracy on the 112 training rows as the chapter counts it."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import Timer, report, torch  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

torch.manual_seed(0)
iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, random_state=0)
X_train = torch.from_numpy(X_train).float()
y_train = torch.from_numpy(y_train)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 5)
        self.fc2 = torch.nn.Linear(5, 3)
        self.softmax = torch.nn.Softmax(dim=1)

    def forward(self, x):
        return self.softmax(self.fc2(torch.sigmoid(self.fc1(x))))


net = Net()
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.3)
with Timer() as t:
    for epoch in range(2000):
        optimizer.zero_grad()
        loss = criterion(net(X_train), y_train)
        loss.backward()
        optimizer.step()
with torch.no_grad():
    correct = (net(X_train).argmax(1) == y_train).sum().item()
report("iris_softmax", t.seconds, correct / len(y_train),
       final_loss=loss.item(), train_correct=correct)
