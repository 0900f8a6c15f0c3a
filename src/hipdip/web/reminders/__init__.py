"""Periodic jobs that remind and escalate: appointments, check-ins, pre-op holds, alerts (issue 12)."""
