"""Loading: files to the typed model, with every problem as file:line: field: message."""
