"""Judging the records: rule sets by date, what is due, verdicts per cell-year, month and year figures.
May import bulletin.data and bulletin.text."""
