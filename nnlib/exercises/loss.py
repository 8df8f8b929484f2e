"""Exercise checkers of the loss notebook (being written)."""
