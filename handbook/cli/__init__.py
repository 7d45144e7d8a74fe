"""The command line: python -m handbook."""
