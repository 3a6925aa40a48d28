"""Messages to people (email now; SMS later), queued in an outbox and delivered by an adapter."""
