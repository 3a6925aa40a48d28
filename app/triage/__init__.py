"""The staff side of concerns: the queue and the case page (workflow and clocks come next)."""
