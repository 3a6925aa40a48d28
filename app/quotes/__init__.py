"""Quotes: a family's words leaving the case record, redacted, with consent, approved by a manager."""
