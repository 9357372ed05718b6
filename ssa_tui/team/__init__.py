"""The team area of ssa-tui."""
