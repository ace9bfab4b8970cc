"""Identity: which real unit wrote a report and which directive each mention points to.

Pure text work (names and symbols -> keys), no database: the pipeline's workers run it beside
extraction, so the single process that writes the store only writes.
"""
