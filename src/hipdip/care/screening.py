"""Screening: turn intake facts and measurements into findings for the surgeon.

Each rule is a small function of ``(facts, settings)`` returning findings, each citing
its source. Thresholds come from :class:`~hipdip.care.settings.ClinicSettings`. Patient
texts are plain and neutral: hip dips are normal anatomy, and a finding is something to
talk about, not a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hipdip.care.findings import (
    Finding,
    Override,
    Severity,
    apply_overrides,
    has_unresolved_stop,
    unresolved_stops,
)
from hipdip.care.intake import Diabetes, Expectation, IntakeFacts, Nicotine, Pregnancy, Sex
from hipdip.care.medications import DrugClass, classify_medications
from hipdip.care.settings import ClinicSettings

__all__ = [
    "RULES",
    "Diabetes",
    "Expectation",
    "Finding",
    "IntakeFacts",
    "Nicotine",
    "Override",
    "Pregnancy",
    "Severity",
    "Sex",
    "apply_overrides",
    "has_unresolved_stop",
    "screen",
    "unresolved_stops",
]

Rule = Callable[[IntakeFacts, ClinicSettings], Iterable[Finding]]


def _f(code: str, sev: Severity, staff: str, patient: str, source: str) -> Finding:
    return Finding(
        code=code, severity=sev, staff_text=staff, patient_text=patient, source_id=source
    )


def age_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    if facts.age < s.min_age_years:
        yield _f(
            "under_age",
            Severity.STOP,
            f"Age {facts.age}: under the clinic minimum of {s.min_age_years} for "
            "elective body contouring.",
            "Body-contouring surgery is only offered to adults. Training and the "
            "articles are open to you now.",
            "hipdip-policy",
        )


def bmi_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    bmi = facts.bmi
    if bmi > s.bmi_stop_above:
        yield _f(
            "bmi_above_limit",
            Severity.STOP,
            f"BMI {bmi:.1f}, above {s.bmi_stop_above:g}: most practices do not operate "
            "at this BMI; surgeon to decide.",
            "Your height and weight are outside the range this clinic usually "
            "operates in. Your surgeon will talk the options through with you.",
            "clinic-candidacy",
        )
    elif bmi >= s.bmi_caution_from:
        yield _f(
            "bmi_raised",
            Severity.CAUTION,
            f"BMI {bmi:.1f} (caution band {s.bmi_caution_from:g}-{s.bmi_stop_above:g}): "
            "higher complication risk; discuss.",
            "Your surgeon will talk with you about how your weight affects surgery and recovery.",
            "clinic-candidacy",
        )


def nicotine_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    if facts.nicotine is Nicotine.CURRENT:
        yield _f(
            "nicotine_use",
            Severity.CAUTION,
            "Current nicotine use: higher odds of necrosis (3.6x), wound breakdown and "
            f"infection. Nicotine-free {s.nicotine_free_weeks_before} weeks before and "
            f"{s.nicotine_free_weeks_after} after.",
            f"Nicotine slows healing. Please stop all nicotine (smoking, vaping, "
            f"patches, gum) {s.nicotine_free_weeks_before} weeks before surgery and "
            f"stay off it for {s.nicotine_free_weeks_after} weeks after.",
            "sorensen-2012-arch-surg",
        )


def medication_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    matches = classify_medications(facts.medications)
    for cls, code in (
        (DrugClass.ANTICOAGULANT, "anticoagulant"),
        (DrugClass.ANTIPLATELET, "antiplatelet"),
    ):
        names = [m.entered for m in matches if m.agent and m.agent.drug_class is cls]
        if names:
            yield _f(
                code,
                Severity.STOP,
                f"Takes {', '.join(names)} ({cls}). Never stopped without the "
                "prescribing doctor; agree a plan with them before any surgery date.",
                f"Please keep taking {', '.join(names)} as prescribed. Don't stop it on "
                "your own: the clinic will agree a plan with the doctor who prescribed it.",
                "prescriber-rule",
            )
    oestrogen = [
        m.entered for m in matches if m.agent and m.agent.drug_class is DrugClass.OESTROGEN
    ]
    if oestrogen:
        yield _f(
            "oestrogen",
            Severity.CAUTION,
            f"Takes {', '.join(oestrogen)}: oestrogen is a Caprini clot-risk factor; "
            "surgeon decides whether to pause it.",
            "Hormone medicines can raise the risk of blood clots. Your surgeon will "
            "tell you whether to pause it; don't change it before you've talked.",
            "caprini-oestrogen",
        )
    unknown = [m.entered for m in matches if m.agent is None]
    if unknown:
        yield _f(
            "medication_unrecognised",
            Severity.INFO,
            f"Not in the catalogue, please review: {', '.join(unknown)}.",
            "Your surgeon will go through your medicines with you.",
            "hipdip-policy",
        )


def history_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    if facts.bleeding_disorder:
        yield _f(
            "bleeding_disorder",
            Severity.STOP,
            "Bleeding or clotting disorder reported: haematology input before planning.",
            "Because you mentioned a bleeding or clotting problem, your surgeon needs "
            "to look into it before planning surgery.",
            "clinic-candidacy",
        )
    if facts.diabetes is Diabetes.UNCONTROLLED:
        yield _f(
            "diabetes_uncontrolled",
            Severity.STOP,
            "Uncontrolled or complicated diabetes: not advised until controlled.",
            "Surgery is safest when diabetes is well controlled. Your surgeon will talk "
            "with you about this.",
            "clinic-candidacy",
        )
    elif facts.diabetes is Diabetes.CONTROLLED:
        yield _f(
            "diabetes_controlled",
            Severity.INFO,
            "Controlled diabetes: check recent control and plan glucose around surgery.",
            "Your surgeon will ask about your diabetes care around surgery day.",
            "clinic-candidacy",
        )
    if facts.heart_lung_disease:
        yield _f(
            "heart_lung_disease",
            Severity.STOP,
            "Heart or lung disease reported: specialist assessment before planning.",
            "Because you mentioned a heart or lung condition, your surgeon needs to look "
            "into it before planning surgery.",
            "clinic-candidacy",
        )


def pregnancy_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    if facts.pregnancy is Pregnancy.PREGNANT:
        yield _f(
            "pregnant",
            Severity.STOP,
            "Pregnant: contraindication to elective surgery.",
            "Elective surgery isn't done during pregnancy. We'd be glad to talk again "
            "after your pregnancy.",
            "clinic-candidacy",
        )
    elif facts.pregnancy is Pregnancy.PLANNING:
        yield _f(
            "pregnancy_planned",
            Severity.CAUTION,
            "Planning a pregnancy: it can change the shape of hips and the result.",
            "A pregnancy can change your shape and the result of surgery. Your surgeon "
            "can help you think about timing.",
            "clinic-candidacy",
        )


def weight_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    change = facts.weight_change_kg_6mo
    if abs(change) >= s.unstable_weight_change_kg:
        yield _f(
            "weight_unstable",
            Severity.CAUTION,
            f"Weight changed {change:+.1f} kg in 6 months (threshold "
            f"{s.unstable_weight_change_kg:g} kg): results last best at a stable weight.",
            "Results last best when weight has been steady for a while. Your surgeon "
            "may suggest waiting until it settles.",
            "clinic-candidacy",
        )


def body_image_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    result = facts.body_image
    if result is not None and result.positive:
        yield _f(
            "body_image_positive",
            Severity.CAUTION,
            f"Positive body-image screen ({result.staff_summary}). A reason to talk, "
            "not a contraindication by itself.",
            "Thank you for your honest answers. Your surgeon will take time to talk "
            "about how you feel and what you hope for.",
            result.source_id,
        )


def dip_rule(facts: IntakeFacts, s: ClinicSettings) -> Iterable[Finding]:
    deepest = facts.deepest_dip_mm
    if deepest is None:
        return
    if deepest < s.dip_present_mm:
        yield _f(
            "no_measurable_dip",
            Severity.INFO,
            f"Deepest side {deepest:.1f} mm, under {s.dip_present_mm:g} mm: no "
            "measurable dip; training path suggested.",
            "We didn't measure a noticeable hip dip in your photos. Training and "
            "diet may be all you need; we've suggested a programme.",
            "hipdip-measurement",
        )
    if deepest < s.small_dip_mm and facts.expectation is Expectation.HIGH:
        yield _f(
            "small_dip_high_expectation",
            Severity.CAUTION,
            f"Deepest side {deepest:.1f} mm with high expectations of change: align "
            "expectations before planning.",
            "The curve we measured is small, so the visible change from surgery may be "
            "modest. Your surgeon will show you what is realistic.",
            "hipdip-policy",
        )


RULES: tuple[Rule, ...] = (
    age_rule,
    bmi_rule,
    nicotine_rule,
    medication_rule,
    history_rule,
    pregnancy_rule,
    weight_rule,
    body_image_rule,
    dip_rule,
)


def screen(facts: IntakeFacts, *, settings: ClinicSettings) -> tuple[Finding, ...]:
    """Run every rule; return findings, most severe first (stable within a severity)."""
    findings = [f for rule in RULES for f in rule(facts, settings)]
    return tuple(sorted(findings, key=lambda f: -f.severity.rank))
