"""Patient data export and erasure (issue 14)."""
