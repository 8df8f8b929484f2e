"""nnlib: the small numpy neural-network library of the 'Neural networks from scratch' course.

``nnlib.activations``, ``nnlib.losses``, ``nnlib.optimizers``, ``nnlib.gradcheck``,
``nnlib.linear`` (notebook 03), ``nnlib.bowl`` (notebook 05) and ``nnlib.datasets`` are modules; ``nnlib.Perceptron`` (notebook 01) and ``nnlib.MLP``
(notebooks 03-06) the two models.
"""

from . import activations, bowl, datasets, gradcheck, linear, losses, optimizers
from .mlp import MLP, History
from .perceptron import Perceptron

__all__ = ["MLP", "History", "Perceptron", "activations", "bowl", "datasets", "gradcheck",
           "linear", "losses", "optimizers"]
