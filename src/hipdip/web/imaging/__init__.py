"""Pictures for a consultation on the web: the surgeon's markings editor, the result
preview (a labelled simulation) and before/after comparisons with gallery consent.

The imaging itself is `hipdip.vision` (markings, preview, compare); this app stores marks as
data, decides who may do what, and serves the pictures through authorised views only.
"""
