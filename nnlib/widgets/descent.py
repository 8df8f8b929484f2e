"""Live demos of the descent notebook (being written)."""
