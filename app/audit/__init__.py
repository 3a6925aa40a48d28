"""The hash-chained, append-only audit trail: who did what, to what, when and from where."""
