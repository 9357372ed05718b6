"""The terminal UI (Textual): ``app.py`` wires generic lists and forms generated from the schema."""
