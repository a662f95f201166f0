"""One module per area of the dashboard, each a few aggregate queries."""
