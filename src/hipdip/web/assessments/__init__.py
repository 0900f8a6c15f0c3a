"""Assessments: photo sessions, the stored analysis of each photo, and the pictures made
from it on request (the surgeon's markings, the result preview, before/after comparisons
with gallery consent).

The imaging itself is `hipdip.vision`; this app stores sessions, results and marks, decides
who may do what, and serves the pictures through authorised views only.

- `services/`: writes, by subject (sessions and uploads, analysis, markings, consent).
- `selectors/`: reads (sessions, the measured photo, markings, previews, comparisons,
  consent).
- `views/` and `api/`: the pages and the API over them.
"""
