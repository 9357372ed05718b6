"""The exchange area of ssa-tui."""
