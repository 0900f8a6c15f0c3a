"""Demo data for ``hipdip demo``, in one package above every app: one module per subject
(:mod:`.seed` the clinic, staff, patients and photos; :mod:`.consultations` intakes and
plans; :mod:`.recovery` recovery courses and training; :mod:`.site` the public site's
starter articles), so no app reaches into another
to make its demo.

Safe to run again: it adds what is missing and resets the demo passwords.
"""

from hipdip.web.demo.seed import DEMO_EMAILS, DemoResult, demo_seed

__all__ = ["DEMO_EMAILS", "DemoResult", "demo_seed"]
