"""cnn_step: the compute of one training step of the chapter 8 CNN at batch 20
on a fixed batch, as cnn_step/main.go."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import CNN, STEP_BATCH, time_steps, torch  # noqa: E402

# As main.go's cnnStepFlops.
FLOPS = 2 * STEP_BATCH * (3 * (6*25*576 + 16*150*64 + 256*64 + 64*10) - 6*25*576)

torch.manual_seed(0)
time_steps("cnn_step", CNN(), torch.randn(STEP_BATCH, 1, 28, 28), FLOPS)
