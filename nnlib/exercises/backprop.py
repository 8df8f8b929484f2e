"""Exercise checkers of the backprop notebook (being written)."""
