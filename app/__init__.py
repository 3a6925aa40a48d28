"""Families' Voice: a council's route for families' concerns, forum feedback and Commission reports."""
