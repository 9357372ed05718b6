"""Why a call to the operating system failed, as the messages name it: key -> (German, English).

Keys are ``os.`` + the errno name; :func:`ssa_tui.i18n.os_reason` picks the entry. An error not
listed here keeps the system's own (English) text.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "os.ENOENT": ("Datei oder Ordner nicht gefunden", "No such file or directory"),
    "os.EACCES": ("keine Berechtigung", "Permission denied"),
    "os.EPERM": ("nicht erlaubt", "Operation not permitted"),
    "os.ENOSPC": ("kein Speicherplatz mehr frei", "No space left on device"),
    "os.EDQUOT": ("Speicherkontingent überschritten", "Disk quota exceeded"),
    "os.EFBIG": ("Datei zu groß", "File too large"),
    "os.EROFS": ("Dateisystem nur lesbar", "Read-only file system"),
    "os.EISDIR": ("ist ein Ordner", "Is a directory"),
    "os.ENOTDIR": ("ist kein Ordner", "Not a directory"),
    "os.EEXIST": ("existiert bereits", "File exists"),
    "os.ENOTEMPTY": ("Ordner ist nicht leer", "Directory not empty"),
    "os.EIO": ("Ein-/Ausgabefehler", "Input/output error"),
    "os.ELOOP": ("zu viele symbolische Verweise", "Too many levels of symbolic links"),
    "os.ENAMETOOLONG": ("Name zu lang", "File name too long"),
    "os.EMFILE": ("zu viele offene Dateien", "Too many open files"),
    "os.EBUSY": ("belegt", "Device or resource busy"),
}
