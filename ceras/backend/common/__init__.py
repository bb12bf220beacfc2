"""Backend-independent pieces: config, dtypes, the symbolic tensor, Variable base."""
