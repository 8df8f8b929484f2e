"""Exercise checkers of the iris notebook (being written)."""
