"""Readers, normalisation and extractors of vanban (installed as `vanban.extract`)."""
