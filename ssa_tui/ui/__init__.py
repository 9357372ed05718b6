"""The ui area of ssa-tui."""
