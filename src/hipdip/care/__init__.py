"""Pure clinical layer: screening, graft planning, pre-op holds, recovery, triage, training.

No Django, no settings, no database: functions take values (dates, frozen dataclasses,
a :class:`~hipdip.care.settings.ClinicSettings`) and return frozen dataclasses. Every
clinical number lives in :mod:`hipdip.care.settings` with a source id from
:mod:`hipdip.care.sources`. The product informs and organises; the surgeon decides.

Modules: ``sources``, ``settings``, ``intake``, ``findings``, ``screening``,
``bodyimage``, ``medications``, ``labs``, ``preop``, ``volumes``, ``grafting``,
``recovery``, ``triage``, ``exercises``, ``training``.
"""
