"""Grid dashboards: appeal figures per month, grid unit and category (admin page, public page, xlsx)."""
