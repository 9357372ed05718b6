"""The "Auswertung" tab: the committee report on screen."""
