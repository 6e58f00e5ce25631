"""tracker: turn company news into a dated, queryable event log."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # ``tracker.extract_events`` (tracker.extraction) is imported on first use: every command
    # imports this package, and only ingest needs the extractor.
    if name == "extract_events":
        from tracker.extraction import extract_events

        return extract_events
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")
