"""Exercise checkers of the descent notebook (being written)."""
