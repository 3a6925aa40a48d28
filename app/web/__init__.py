"""The web face: routes, API, sign-in, templates, CSRF and headers. Nothing below imports it."""
