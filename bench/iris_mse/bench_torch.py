"""Chapter 2: iris, Linear(4,5)-sigmoid-Linear(5,1), MSE, SGD lr 0.003,
2000 full-batch steps on the 112 training rows; accuracy on the 38 test rows."""
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
X_test = torch.from_numpy(X_test).float()
y_train_col = torch.from_numpy(y_train).float().reshape(-1, 1)
y_test_t = torch.from_numpy(y_test)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 5)
        self.fc2 = torch.nn.Linear(5, 1)

    def forward(self, x):
        return self.fc2(torch.sigmoid(self.fc1(x)))


net = Net()
criterion = torch.nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.003)
with Timer() as t:
    for epoch in range(2000):
        optimizer.zero_grad()
        loss = criterion(net(X_train), y_train_col)
        loss.backward()
        optimizer.step()
with torch.no_grad():
    pred = (net(X_test) + 0.5).int().reshape(-1)
    test_correct = (pred == y_test_t).sum().item()
report("iris_mse", t.seconds, test_correct / len(y_test),
       final_loss=loss.item(), test_correct=test_correct)
