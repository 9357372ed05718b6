"""User-facing strings of import and export: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "exchange.row_problem": ("Zeile {row}, Feld {field}: {message}", "Row {row}, field {field}: {message}"),
    "exchange.unknown_column": (
        "Unbekannte Spalte „{column}“ – nicht übernommen.",
        "Unknown column “{column}” – not imported.",
    ),
    "exchange.summary": (
        "{created} neu, {updated} geändert, {unchanged} unverändert, {refused} abgelehnt.",
        "{created} created, {updated} updated, {unchanged} unchanged, {refused} refused.",
    ),
    "exchange.dry_run_note": ("(Probelauf – nichts gespeichert)", "(dry run – nothing saved)"),
    "exchange.encoding_note": (
        "Datei war nicht UTF-8 und wurde als {encoding} gelesen.",
        "The file was not UTF-8 and was read as {encoding}.",
    ),
    "exchange.link_not_found": (
        "„{ref}“ nicht gefunden ({kind}).",
        "“{ref}” not found ({kind}).",
    ),
    "exchange.file_missing": ("Datei nicht gefunden: {path}", "File not found: {path}"),
    "exchange.file_unreadable": (
        "Datei nicht lesbar: {path} ({detail})",
        "Cannot read file: {path} ({detail})",
    ),
    "exchange.exported": (
        "{count} Datensätze nach {path} exportiert.",
        "Exported {count} records to {path}.",
    ),
}
