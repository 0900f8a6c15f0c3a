"""Reads for the staff workspace: a patient's summary, the patient list and the staff home."""
