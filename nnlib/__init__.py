"""nnlib: the small numpy neural-network library of the 'Neural networks from scratch' course.

``nnlib.activations``, ``nnlib.losses``, ``nnlib.optimizers``, ``nnlib.gradcheck`` and
``nnlib.datasets`` are modules; ``nnlib.Perceptron`` (notebook 01) and ``nnlib.MLP``
(notebooks 03-06) the two models.
"""

from . import activations, datasets, gradcheck, linear, losses, optimizers
from .mlp import MLP, History
from .perceptron import Perceptron

__all__ = ["MLP", "History", "Perceptron", "activations", "datasets", "gradcheck", "linear",
           "losses", "optimizers"]
