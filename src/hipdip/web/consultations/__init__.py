"""The consultation: the intake questionnaire, screening findings with the surgeon's
overrides, and the pre-op checklist. Clinical rules live in :mod:`hipdip.care`."""
