"""User-facing strings of the terminal UI: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
