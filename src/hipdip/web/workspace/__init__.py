"""Staff home and the patient summary: what a care team needs to see first (issue 12)."""
