"""Text analysis of what families write: pure functions, offline, no FastAPI imports."""
