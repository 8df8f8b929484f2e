"""Live demos of the iris notebook (being written)."""
