"""The Listening to Families Forum: sessions and sign-ups, feedback from families and
meetings (family items of kind forum-feedback, handled in the triage queue like any
other), and "You said, we did" that answers what was heard on a deadline."""
