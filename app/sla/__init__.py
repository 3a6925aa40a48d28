"""Service levels: the working-day calendar, policies, the clock engine, stored clocks, the sweep."""
