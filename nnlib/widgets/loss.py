"""Live demos of the loss notebook (being written)."""
