"""Server-rendered SVG charts (matplotlib), each shown beside a table with the same figures.

No JavaScript, no images fetched: the SVG is drawn here and placed in the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from markupsafe import Markup

GOVUK_BLUE = "#1d70b8"
GOVUK_TEXT = "#0b0c0c"
FONT_POINTS = 12


def bar_chart(
    labels: Sequence[str], values: Sequence[float], *, title: str, unit: str = ""
) -> Markup:
    """A horizontal bar chart as inline SVG, labelled for screen readers by the table beside it."""
    # Imported at the first chart, not at start-up: pyplot alone costs the server ~0.7 s.
    import matplotlib

    matplotlib.use("svg")  # no display, no GUI toolkit: a server has neither
    import matplotlib.pyplot as plt

    # Drawn 5 inches wide with 12-point text: scaled to a phone's column (about 350 px) the
    # words stay near 12 px; drawn wider, they shrank to 7 px, too small to read.
    height = 0.6 + 0.5 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(5, height))
    try:
        positions = range(len(labels))
        ax.barh(list(positions), list(values), color=GOVUK_BLUE)
        ax.set_yticks(list(positions), labels=list(labels), fontsize=FONT_POINTS, color=GOVUK_TEXT)
        ax.invert_yaxis()
        ax.set_xlabel(unit, color=GOVUK_TEXT, fontsize=FONT_POINTS)
        ax.tick_params(axis="x", labelsize=FONT_POINTS)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for index, value in enumerate(values):
            ax.text(
                value, index, f" {value:g}", va="center", fontsize=FONT_POINTS, color=GOVUK_TEXT
            )
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
    finally:
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # The figures are in the table that follows; the chart itself is a picture of them.
    # Scale to the column on any screen, rather than a fixed size in points.
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" width="100%" ', 1)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style.*?</style>", "", svg, flags=re.S)
    svg = _STYLE.sub(_as_attributes, svg)
    return Markup(svg)  # noqa: S704  (drawn by matplotlib from our own numbers and labels)


# The page's Content-Security-Policy allows no inline styles, so matplotlib's style
# attributes become SVG presentation attributes, which need no permission.
_STYLE = re.compile(r'style="([^"]*)"')


def _as_attributes(match: re.Match[str]) -> str:
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
