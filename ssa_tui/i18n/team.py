"""User-facing strings of the team area: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
