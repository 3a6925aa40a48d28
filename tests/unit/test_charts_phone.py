"""A dashboard chart stays readable on a phone: it scales to the column, so it is drawn
narrow enough that 12-point text is still about 11 px wide on a 350 px column."""

import re

from app.triage import charts


def test_a_chart_is_drawn_narrow_enough_to_read_on_a_phone() -> None:
    svg = str(charts.bar_chart(["Statutory / North", "Corporate / South"], [66.7, 100], title="t"))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    phone_column_px = 350
    assert charts.FONT_POINTS * phone_column_px / width >= 11
