"""Chapter 2: iris, Linear(4,5)-sigmoid-Linear(5,1), MSE, SGD lr 0.003,
2000 full-batch steps on the 112 training rows; accuracy on the 38 test rows."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import report, torch, train_iris  # noqa: E402

net, _, X_test, _, y_test, loss, seconds = train_iris(
    0, 1, 0.003, torch.nn.MSELoss(), lambda y: y.float().reshape(-1, 1))
with torch.no_grad():
    pred = (net(X_test) + 0.5).int().reshape(-1)
    test_correct = (pred == y_test).sum().item()
report("iris_mse", seconds, test_correct / len(y_test),
       final_loss=loss.item(), test_correct=test_correct)
