"""Chapter 2: iris, Linear(4,5)-sigmoid-Linear(5,1), MSE, SGD lr 0.003,
2000 full-batch steps on the 112 training rows; accuracy on the 38 test rows."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import MLP, iris, report, steps, torch  # noqa: E402

torch.manual_seed(0)
X_train, X_test, y_train, y_test = iris(0)
y_train_col = y_train.float().reshape(-1, 1)
net = MLP(4, 5, 1, torch.sigmoid)
criterion = torch.nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.003)
loss, seconds = steps(2000, optimizer, lambda: criterion(net(X_train), y_train_col))
with torch.no_grad():
    pred = (net(X_test) + 0.5).int().reshape(-1)
    test_correct = (pred == y_test).sum().item()
report("iris_mse", seconds, test_correct / len(y_test),
       final_loss=loss.item(), test_correct=test_correct)
