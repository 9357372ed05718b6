"""Services used by both front-ends (TUI and command line): no Textual here."""
