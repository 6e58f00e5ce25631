"""tracker: turn company news into a dated, queryable event log."""

__version__ = "0.1.0"
