"""Run one of stanza's training entry points with CPU-friendly patches.

Usage: python training/stz_run.py stanza.utils.training.run_pos UD_English-EWT ...

Why: in torch 2.13 on CPU the backward pass of ``nn.Bilinear`` is ~40x slower than the
equivalent einsum, and stanza's tagger/parser heads use it. The patch keeps the same
parameters and state dict, so the saved models are ordinary stanza files.
"""

import os
import runpy
import sys

import torch

torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))


def _bilinear_forward(self, a, b):
    out = torch.einsum("...i,oij,...j->...o", a, self.weight, b)
    return out + self.bias if self.bias is not None else out


torch.nn.Bilinear.forward = _bilinear_forward

module = sys.argv[1]
sys.argv = [module] + sys.argv[2:]
runpy.run_module(module, run_name="__main__", alter_sys=True)
