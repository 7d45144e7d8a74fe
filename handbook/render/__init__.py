"""Pure renderers: a loaded handbook in, escaped HTML or Markdown out."""
