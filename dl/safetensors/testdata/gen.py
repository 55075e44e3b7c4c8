"""Writes the safetensors golden files that dl/safetensors's tests read.

Run from this directory with a Python that has torch and safetensors:
    python gen.py
Values are small and exactly representable in every dtype used, so the Go
tests compare them exactly; the expected values are in safetensors_test.go.
"""
import torch
from safetensors.torch import save_file

# Written by the reference implementation; gendl's Write must produce the
# same bytes (same ordering and padding rules).
save_file(
    {
        "b": torch.arange(4, dtype=torch.float32).reshape(2, 2),
        "a": torch.arange(3, dtype=torch.float64),
        "c": torch.tensor([7.0]),
        "z": torch.tensor(1.5),
    },
    "ref.safetensors",
    metadata={"format": "pt"},
)

vals = torch.tensor([[-1.5, 0.0, 0.25], [2.0, 24.5, -0.125]])
save_file(
    {
        "half": vals.to(torch.float16),
        "bf16": vals.to(torch.bfloat16),
        "i64": torch.tensor([-(2**40), 0, 2**40]),
        "i32": torch.tensor([-7, 2**31 - 1], dtype=torch.int32),
        "u8": torch.tensor([0, 255], dtype=torch.uint8),
        "mask": torch.tensor([True, False, True]),
        "empty": torch.zeros(0, 4),
    },
    "types.safetensors",
)
