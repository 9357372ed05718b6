"""Import and export from the TUI (keys i and x on a list)."""
