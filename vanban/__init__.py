"""vanban: structured data from Vietnamese administrative reports."""

__version__ = "0.1.0"
