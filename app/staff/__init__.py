"""Staff accounts, roles, teams, sign-in, sessions and API tokens."""
