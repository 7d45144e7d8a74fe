"""What is computed from a loaded edition: differences, exports, review, search, site settings."""
