"""User-facing strings of the mail area: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
