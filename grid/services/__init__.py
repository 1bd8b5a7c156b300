"""Services of the grid module: serial numbers, due dates, duplicate suggestions, privacy masking."""
