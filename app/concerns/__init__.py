"""Public submission and tracking of concerns."""
