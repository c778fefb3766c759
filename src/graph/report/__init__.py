"""Report stage: what the tool shows people, on the terminal (and, later, as HTML and exports)."""
