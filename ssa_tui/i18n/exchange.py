"""User-facing strings of the exchange area: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
