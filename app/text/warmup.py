"""Load every text engine now, saying what each is doing and how long it took.

The server does this before it answers (so the first family to send a concern does not
wait), and `seed-demo` and `serve` print it: a first start trains models and takes a while.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def warm(progress: Callable[[str], None] = lambda _line: None) -> dict[str, float]:
    """Load the theme model, the name lists and detector, and the risk model; seconds each."""
    from app.text import redact, risk, themes

    steps: tuple[tuple[str, Callable[[], object]], ...] = (
        ("theme model (trained from data/themes on a first run)", themes.current_model),
        ("name lists and name detector", lambda: redact.redact("Warm up, Sam.")),
        ("risk rules and model", lambda: risk.assess_risk("warm up")),
    )
    seconds: dict[str, float] = {}
    for name, step in steps:
        progress(f"Loading the {name}...")
        started = time.perf_counter()
        step()
        seconds[name] = time.perf_counter() - started
        progress(f"  done in {seconds[name]:.1f} s")
    return seconds
