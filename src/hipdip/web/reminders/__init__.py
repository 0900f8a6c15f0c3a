"""Periodic reminder and escalation jobs: appointments, check-ins, pre-op holds (issue 12)."""
