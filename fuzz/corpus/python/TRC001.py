import importlib
import torch  # flag
import torch.nn as nn  # flag
import numpy, torchvision  # flag
from torch import optim  # flag
from torch.utils.data import DataLoader  # flag
from numba import cuda  # flag
from numba import jit
import triton.language as tl  # flag
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torchaudio  # flag

try:
    import cupy as cp  # flag
except ImportError:
    cp = None


def lazy():
    import sentence_transformers  # flag
    mod = importlib.import_module("pycuda.driver")  # flag
    other = __import__("torch")  # flag
    fine = importlib.import_module("json")
    name = "torch"
    dynamic = importlib.import_module(name)  # not a literal


from . import torch as local_torch  # relative imports are never flagged
from .torch import helpers
import torchmetrics_lite  # a different package that merely starts with torch
import cudatext  # not the cuda package
text = "import torch"
