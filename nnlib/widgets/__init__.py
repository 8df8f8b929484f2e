"""Live demos for the notebooks (ipywidgets + matplotlib).

``core`` holds the shared machinery; each other module holds the demos of one notebook, e.g.
``nnlib.widgets.perceptron.LineDemo()``. See :mod:`nnlib.widgets.core` for how a demo works.
"""

from . import core
from .core import Demo, LiveFigure, Player, float_slider, int_slider, log_slider, readout
from . import perceptron, loss, descent, backprop, optimisers, iris  # noqa: E402  (one module per notebook)

__all__ = ["core", "Demo", "LiveFigure", "Player", "float_slider", "int_slider", "log_slider",
           "readout", "perceptron", "loss", "descent", "backprop", "optimisers", "iris",
           "all_demo_classes"]


def all_demo_classes():
    """Every Demo subclass defined in the notebook modules (for benchmarks and tests)."""
    found, todo = [], list(Demo.__subclasses__())
    while todo:
        cls = todo.pop(0)
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda c: (c.__module__, c.__name__))
