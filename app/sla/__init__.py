"""Service-level clocks: working-day calendar now, the full SLA engine later."""
