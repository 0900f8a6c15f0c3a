"""The Django project: the clinic web platform built on the analyser.

Importing this package does not set Django up; `hipdip.web.celery` and the settings
modules do that when they are used.
"""
