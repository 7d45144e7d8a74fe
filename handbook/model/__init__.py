"""Typed model: shared field types, records, the facility profile, the collection table."""
