"""The kinds of figure the extractor finds (output.md), in one place: the store's questions and the
command line's `--kind` take them from here without importing the extractor or pandas."""

KINDS = ("percent", "ratio", "count", "money", "range")
