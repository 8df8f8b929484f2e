"""Exercise checkers of the perceptron notebook (being written)."""
