"""Live demos of the perceptron notebook (being written)."""
