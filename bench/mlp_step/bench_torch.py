"""mlp_step: the compute of one training step of chapter 7's 784-64-10 net at
batch 20 on a fixed batch, as mlp_step/main.go."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import MLP, STEP_BATCH, time_steps, torch  # noqa: E402

# As main.go's mlpStepFlops.
FLOPS = 2 * STEP_BATCH * (3 * (784*64 + 64*10) - 784*64)


torch.manual_seed(0)
time_steps("mlp_step", MLP(784, 64, 10, torch.relu), torch.randn(STEP_BATCH, 784), FLOPS)
