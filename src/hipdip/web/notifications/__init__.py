"""Delivery of emails and text messages: backends, preferences, quiet hours, the send log (issue 12)."""
