"""The command line: ``ssa-tui [options] [command]`` (see ``ssa-tui --help``)."""

from .main import main

__all__ = ["main"]
