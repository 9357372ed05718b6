"""ssa-tui: the network of school social work in the Kreis Soest, from the keyboard."""

__version__ = "0.1.0"
