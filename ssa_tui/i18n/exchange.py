"""User-facing strings of import and export: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "exchange.row_problem": ("Zeile {row}, Feld {field}: {message}", "Row {row}, field {field}: {message}"),
    "exchange.row_only_problem": ("Zeile {row}: {message}", "Row {row}: {message}"),
    "exchange.unknown_column": (
        "Unbekannte Spalte „{column}“ – nicht übernommen.",
        "Unknown column “{column}” – not imported.",
    ),
    "exchange.summary": (
        "{created} neu, {updated} geändert, {unchanged} unverändert, {refused} abgelehnt.",
        "{created} created, {updated} updated, {unchanged} unchanged, {refused} refused.",
    ),
    "exchange.duplicates_note": (
        "{count} doppelte Zeile(n) übersprungen.",
        "{count} duplicate row(s) skipped.",
    ),
    "exchange.dry_run_note": ("(Probelauf – nichts gespeichert)", "(dry run – nothing saved)"),
    "exchange.encoding_note": (
        "Datei war nicht UTF-8 und wurde als {encoding} gelesen.",
        "The file was not UTF-8 and was read as {encoding}.",
    ),
    "exchange.undecodable": (
        "enthält Bytes, die als {encoding} nicht lesbar sind – nicht übernommen.",
        "holds bytes that cannot be read as {encoding} – not imported.",
    ),
    "exchange.csv_broken": (
        "Die Datei ist ab Zeile {row} nicht lesbar ({detail}) – nichts übernommen.",
        "The file cannot be read from row {row} on ({detail}) – nothing imported.",
    ),
    "exchange.not_a_workbook": (
        "{path} ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen.",
        "{path} is not a readable Excel workbook (.xlsx) – nothing imported.",
    ),
    "exchange.ending_mismatch": (
        "Die Endung „.{ending}“ passt nicht zum Format {format} – bitte „.{format}“ verwenden oder das Format wählen.",
        "The ending “.{ending}” does not fit the format {format} – please use “.{format}” or choose the format.",
    ),
    "exchange.which_sheet": (
        "{path} hat mehrere Blätter ({sheets}), aber keines heißt „{wanted}“ – nichts übernommen.",
        "{path} has several sheets ({sheets}), none of them called “{wanted}” – nothing imported.",
    ),
    "exchange.error_cell": (
        "Spalte „{column}“ enthält den Fehlerwert {value} statt eines Werts – nicht übernommen.",
        "Column “{column}” holds the error value {value} instead of a value – not imported.",
    ),
    "exchange.other_spreadsheet": (
        "{path}: dieses Format wird nicht gelesen – bitte als Excel-Arbeitsmappe (.xlsx) oder CSV speichern.",
        "{path}: this format is not read – please save it as an Excel workbook (.xlsx) or as CSV.",
    ),
    "exchange.cell_too_long": (
        "{kind} #{id}, {field}: {length} Zeichen passen nicht in eine Excel-Zelle (höchstens 32.767)"
        " – nichts geschrieben; bitte als CSV exportieren.",
        "{kind} #{id}, {field}: {length} characters do not fit into an Excel cell (at most 32,767)"
        " – nothing written; please export as CSV.",
    ),
    "exchange.duplicate_column": (
        "Die Spalten „{first}“ und „{second}“ meinen dasselbe Feld – nichts übernommen.",
        "The columns “{first}” and “{second}” mean the same field – nothing imported.",
    ),
    "exchange.duplicate_row": (
        "gleich wie Zeile {first} – übersprungen.",
        "same as row {first} – skipped.",
    ),
    "exchange.same_record": (
        "betrifft denselben Datensatz wie Zeile {first}, aber mit anderen Werten – nicht übernommen.",
        "describes the same record as row {first}, with other values – not imported.",
    ),
    "exchange.ambiguous": (
        "passt zu mehreren Datensätzen: {records} – bitte die ID angeben.",
        "fits several records: {records} – please give the id.",
    ),
    "exchange.change": ("Zeile {row}, {field}: {before} → {after}", "Row {row}, {field}: {before} → {after}"),
    "exchange.change_new": ("Zeile {row}: neu – „{title}“", "Row {row}: new – “{title}”"),
    "exchange.gone_meanwhile": (
        "Datensatz #{id} wurde inzwischen gelöscht – nicht übernommen.",
        "Record #{id} was deleted meanwhile – not imported.",
    ),
    "exchange.changed_meanwhile": (
        "inzwischen von {user} geändert ({fields}) – nicht übernommen; bitte erneut importieren.",
        "changed meanwhile by {user} ({fields}) – not imported; please import again.",
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
    "exchange.left_out": (
        "{count} nicht exportiert (kein Beginn): {titles}",
        "{count} not exported (no start): {titles}",
    ),
    "exchange.output_folder_missing": (
        "Den Ordner {folder} gibt es nicht – nichts geschrieben.",
        "The folder {folder} does not exist – nothing written.",
    ),
    "exchange.output_is_folder": (
        "{path} ist ein Ordner – bitte einen Dateinamen angeben.",
        "{path} is a folder – please give a file name.",
    ),
    "exchange.format_for_all": (
        "Alle Tabellen zusammen gibt es nur als xlsx oder json.",
        "All tables together are available as xlsx or json only.",
    ),
    "exchange.replace_question": ("{name} gibt es schon. Ersetzen?", "{name} exists already. Replace it?"),
    "exchange.no_files": (
        "Keine CSV- oder xlsx-Dateien im Austauschordner {folder}.",
        "No CSV or xlsx files in the exchange folder {folder}.",
    ),
    "exchange.pick_file": ("Datei aus {folder}", "File from {folder}"),
    "exchange.file_name": ("Dateiname (im Ordner {folder})", "File name (in the folder {folder})"),
    "exchange.import_title": ("Import: {kind}", "Import: {kind}"),
}
