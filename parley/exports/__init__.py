"""Readers and writers for exchange formats (TMX, TBX, XLIFF, TSV/CSV, Parquet, HTML)."""
