"""Delivery of emails and text messages: preferences, quiet hours, the send log (issue 12)."""
