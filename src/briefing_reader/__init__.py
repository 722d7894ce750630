"""briefing-reader: read structured briefings written by hand in YAML."""

__version__ = "0.1.0"
