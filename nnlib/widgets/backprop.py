"""Live demos of the backprop notebook (being written)."""
