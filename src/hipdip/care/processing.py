"""Fat processing between harvest and injection: centrifuge force and its safety check.

A centrifuge setting given in revolutions per minute alone is ambiguous (3,000 rpm has
been reported as 900 g and as 1,500 g): the force depends on the rotor radius. The
relative centrifugal force is ``RCF = 1.118e-5 * r(cm) * rpm^2`` (physics of circular
motion: ``omega^2 * r / g0``). Allen, Coleman et al. (PRS 2013;131:38) recommend about
1,200 g for 3 minutes; above about 3,000 g the adipose stem cells suffer. Both figures
are clinic settings (``centrifuge_recommended_g``, ``centrifuge_max_g``).
"""

from __future__ import annotations

import math

from hipdip.care.findings import Finding, Severity
from hipdip.care.settings import ClinicSettings

__all__ = ["RCF_PER_CM_RPM2", "centrifuge_findings", "relative_centrifugal_force"]

#: ``(2 * pi / 60)**2 / 980.665 cm/s^2``: g per centimetre of radius per rpm squared.
RCF_PER_CM_RPM2 = (2 * math.pi / 60) ** 2 / 980.665


def relative_centrifugal_force(*, rpm: float, radius_cm: float) -> float:
    """Force in multiples of g at ``radius_cm`` from the axis turning at ``rpm``.

    Example: 3,000 rpm at 10 cm gives about 1,006 g.
    """
    for name, value in (("rpm", rpm), ("radius_cm", radius_cm)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number, got {value!r}")
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a positive number, got {value}")
    return RCF_PER_CM_RPM2 * radius_cm * rpm * rpm


def centrifuge_findings(*, force_g: float, settings: ClinicSettings) -> tuple[Finding, ...]:
    """A caution when the recorded force exceeds the clinic's maximum."""
    if force_g <= settings.centrifuge_max_g:
        return ()
    return (
        Finding(
            code="centrifuge_force_high",
            severity=Severity.CAUTION,
            staff_text=f"Centrifuged at about {force_g:,.0f} g, above "
            f"{settings.centrifuge_max_g:,.0f} g: adipose stem cells are harmed at this force "
            f"(about {settings.centrifuge_recommended_g:,.0f} g is recommended).",
            patient_text="",
            source_id="allen-coleman-2013",
        ),
    )
