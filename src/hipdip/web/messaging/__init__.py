"""Secure message threads between a patient and the care team (issue 12)."""
