"""Pages of the assessments app, one module per subject."""
