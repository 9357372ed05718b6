"""Exchange formats: CSV import (the contact form's answers), CSV/JSON/vCard/iCalendar export.

Everything here is generated from the schema: headers from field names and labels, cells through
``Field.parse``/``Field.format``, records checked by ``validate_record`` via the repository.
"""
