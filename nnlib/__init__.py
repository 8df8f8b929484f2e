"""nnlib: the small numpy neural-network library of the 'Neural networks from scratch' course."""
