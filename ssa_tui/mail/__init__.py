"""The mail area of ssa-tui."""
