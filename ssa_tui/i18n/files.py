"""User-facing strings of file output and the exchange folder: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "files.exists": (
        "Die Datei {path} gibt es schon – nur mit Bestätigung (--force) ersetzen.",
        "The file {path} exists already – replace it only when confirmed (--force).",
    ),
    "files.name_empty": ("Bitte einen Dateinamen angeben.", "Please give a file name."),
    "files.name_path": (
        "Nur ein Dateiname im Austauschordner, kein Pfad: {name}",
        "Only a file name in the exchange folder, not a path: {name}",
    ),
    "files.name_hidden": (
        "Der Dateiname darf nicht mit „.“, „-“ oder „~“ beginnen: {name}",
        "The file name must not start with “.”, “-” or “~”: {name}",
    ),
    "files.name_control": (
        "Der Dateiname enthält Steuerzeichen: {name}",
        "The file name contains control characters: {name}",
    ),
    "files.name_long": ("Der Dateiname ist zu lang: {name}", "The file name is too long: {name}"),
    "files.name_symlink": (
        "{name} ist ein symbolischer Link – aus Sicherheitsgründen nicht verwendet.",
        "{name} is a symbolic link – not used, for safety.",
    ),
    "files.protected": (
        "{path} gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben.",
        "{path} belongs to the database or the admin and is never written over.",
    ),
    "files.no_folder": ("Ordner nicht gefunden: {path}", "Folder not found: {path}"),
    "files.not_a_file": ("{path} ist keine Datei.", "{path} is not a file."),
    "files.failed": (
        "Datei {path} konnte nicht geschrieben werden ({detail}).",
        "Could not write the file {path} ({detail}).",
    ),
}
