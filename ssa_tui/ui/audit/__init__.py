"""The audit view: recent changes, filtered by person or record (key ``a``)."""
