"""The intake questionnaire as data: sections, questions, answer kinds, plausible ranges.

One list drives the web form, the API schema's documentation, the validation of drafts
and submissions, the read-only summary, the change history and the FHIR
QuestionnaireResponse, so a question is added in one place. The body-image questions are
not listed here: they come from the clinic's questionnaire (see :mod:`.bodyimage`).

The ranges are plausibility limits for typed-in values (a height of 20 cm is a typo), the
same as the photo sessions use; clinical thresholds live in :mod:`hipdip.care.settings`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from hipdip.care.intake import Diabetes, Expectation, Nicotine, Pregnancy, Sex
from hipdip.web.assessments.models import MAX_HEIGHT_CM, MAX_WEIGHT_KG, MIN_HEIGHT_CM, MIN_WEIGHT_KG


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # a paragraph
    DATE = "date"
    DECIMAL = "decimal"
    CHOICE = "choice"
    YESNO = "yesno"
    CONFIRM = "confirm"  # a box that must be ticked to submit
    FLAG = "flag"  # a box that may be ticked
    LINES = "lines"  # one entry per line
    ALLERGIES = "allergies"  # rows of substance, kind, reaction


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    intro: str


@dataclass(frozen=True, slots=True)
class Question:
    """One intake question. ``required`` says whether a submission needs an answer; a
    ``needed_if`` predicate over the other answers narrows that (e.g. pregnancy questions
    are not asked of men)."""

    name: str
    section: str
    label: str
    kind: Kind
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    lo: Decimal | None = None
    hi: Decimal | None = None
    unit: str = ""
    required: bool = True
    needed_if: Callable[[Mapping[str, Any]], bool] | None = field(default=None, compare=False)
    max_length: int = 2000
    staff_label: str = ""  # shorter wording for summaries and the history

    @property
    def short(self) -> str:
        return self.staff_label or self.label

    def is_needed(self, answers: Mapping[str, Any]) -> bool:
        if not self.required:
            return False
        return self.needed_if(answers) if self.needed_if else True

    def shown(self, answers: Mapping[str, Any]) -> bool:
        """Whether the question applies given the other answers (for summaries)."""
        return self.needed_if(answers) if self.needed_if else True


SECTIONS: tuple[Section, ...] = (
    Section("about", "About you", "The basics the clinical checks need."),
    Section(
        "goals",
        "Your goals",
        "In your own words. There are no wrong answers: this helps your surgeon understand "
        "what matters to you.",
    ),
    Section(
        "health",
        "Health history",
        "Honest, complete answers keep you safe. Only your clinic's team can read them.",
    ),
    Section("allergies", "Allergies", "Anything you react to: medicines, latex, anaesthetics."),
    Section(
        "medicines",
        "Medicines and supplements",
        "Everything you take, including vitamins, herbal products and occasional painkillers: "
        "several of them affect bleeding during surgery.",
    ),
    Section("lifestyle", "Smoking and drinking", "Nicotine in any form affects healing."),
    Section(
        "feelings",
        "How you feel about your appearance",
        "A short questionnaire most clinics use before cosmetic treatment. It helps your "
        "surgeon make sure surgery is the right step for you.",
    ),
    Section("finish", "Questions and consent", "Last step before you send your answers."),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)

YES_NO = (("yes", "Yes"), ("no", "No"))
SIDE_CHOICES = (
    ("both", "Both sides"),
    ("left", "My left side"),
    ("right", "My right side"),
    ("unsure", "Not sure"),
)
WEIGHT_TREND = (
    ("stable", "About the same"),
    ("gained", "I gained weight"),
    ("lost", "I lost weight"),
)
ALCOHOL = (
    ("none", "None"),
    ("1-7", "1 to 7 drinks a week"),
    ("8-14", "8 to 14 drinks a week"),
    ("over-14", "More than 14 drinks a week"),
)
SEX_CHOICES = ((Sex.FEMALE, "Female"), (Sex.MALE, "Male"), (Sex.OTHER, "Another answer"))
DIABETES_CHOICES = (
    (Diabetes.NONE, "No"),
    (Diabetes.CONTROLLED, "Yes, and it is well controlled"),
    (Diabetes.UNCONTROLLED, "Yes, and it is hard to control or has complications"),
)
PREGNANCY_CHOICES = (
    (Pregnancy.NO, "No"),
    (Pregnancy.PLANNING, "I may become pregnant within the next year"),
    (Pregnancy.PREGNANT, "I am pregnant"),
)
NICOTINE_CHOICES = (
    (Nicotine.NONE, "Never, or not for years"),
    (Nicotine.FORMER, "I stopped in the last year"),
    (Nicotine.CURRENT, "Yes, currently (cigarettes, vaping, patches, gum, pouches)"),
)
EXPECTATION_CHOICES = (
    (Expectation.MODEST, "A subtle softening of the curve"),
    (Expectation.MODERATE, "A clear but natural-looking difference"),
    (Expectation.HIGH, "A completely different shape"),
)
ALLERGY_KINDS = (
    ("drug", "Medicine"),
    ("latex", "Latex"),
    ("anaesthesia", "Anaesthetic"),
    ("food", "Food"),
    ("other", "Something else"),
)
MAX_ALLERGIES = 20
MAX_MEDICATIONS = 40


def _not_male(a: Mapping[str, Any]) -> bool:
    return a.get("sex") != Sex.MALE


def _weight_changed(a: Mapping[str, Any]) -> bool:
    return a.get("weight_trend") in ("gained", "lost")


def _said_yes(name: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda a: a.get(name) == "yes"


def _no_flag(name: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda a: not a.get(name)


QUESTIONS: tuple[Question, ...] = (
    # About you
    Question("date_of_birth", "about", "Date of birth", Kind.DATE, staff_label="Date of birth"),
    Question(
        "sex",
        "about",
        "Sex",
        Kind.CHOICE,
        help="Used only to choose the right tests before surgery.",
        choices=SEX_CHOICES,
    ),
    Question(
        "height_cm",
        "about",
        "Height",
        Kind.DECIMAL,
        help="Standing, without shoes.",
        lo=MIN_HEIGHT_CM,
        hi=MAX_HEIGHT_CM,
        unit="cm",
    ),
    Question(
        "weight_kg",
        "about",
        "Weight",
        Kind.DECIMAL,
        help="Your weight today; your BMI is worked out from height and weight.",
        lo=MIN_WEIGHT_KG,
        hi=MAX_WEIGHT_KG,
        unit="kg",
    ),
    Question(
        "weight_trend",
        "about",
        "How has your weight changed over the last 6 months?",
        Kind.CHOICE,
        choices=WEIGHT_TREND,
        staff_label="Weight over 6 months",
    ),
    Question(
        "weight_change_kg",
        "about",
        "By about how much?",
        Kind.DECIMAL,
        lo=Decimal("0"),
        hi=MAX_WEIGHT_KG / 2,  # 150 kg in six months: a typo beyond that
        unit="kg",
        needed_if=_weight_changed,
        staff_label="Weight change",
    ),
    # Goals
    Question(
        "goals",
        "goals",
        "What would you like to change, and why now?",
        Kind.LONGTEXT,
        staff_label="Goals and wishes",
    ),
    Question(
        "bothers_side",
        "goals",
        "Which side bothers you?",
        Kind.CHOICE,
        choices=SIDE_CHOICES,
        staff_label="Side",
    ),
    Question(
        "expectation",
        "goals",
        "What result are you hoping for?",
        Kind.CHOICE,
        choices=EXPECTATION_CHOICES,
        staff_label="Hoped-for result",
    ),
    # Health history
    Question(
        "conditions",
        "health",
        "Other health conditions",
        Kind.LONGTEXT,
        help="For example asthma, high blood pressure, thyroid problems. Leave empty if none.",
        required=False,
    ),
    Question(
        "previous_surgeries",
        "health",
        "Previous operations",
        Kind.LONGTEXT,
        help="What and when, including cosmetic procedures. Leave empty if none.",
        required=False,
    ),
    Question(
        "bleeding_disorder",
        "health",
        "Do you bleed or bruise easily, or have you had a blood clot or a clotting disorder?",
        Kind.YESNO,
        choices=YES_NO,
        staff_label="Bleeding or clotting problem",
    ),
    Question(
        "bleeding_details",
        "health",
        "Please tell us more",
        Kind.LONGTEXT,
        needed_if=_said_yes("bleeding_disorder"),
        staff_label="Bleeding or clotting details",
    ),
    Question(
        "diabetes",
        "health",
        "Do you have diabetes?",
        Kind.CHOICE,
        choices=DIABETES_CHOICES,
        staff_label="Diabetes",
    ),
    Question(
        "heart_lung_disease",
        "health",
        "Do you have a heart or lung condition?",
        Kind.YESNO,
        help="For example heart disease, an irregular heartbeat, COPD or asthma that needs "
        "hospital care.",
        choices=YES_NO,
        staff_label="Heart or lung condition",
    ),
    Question(
        "heart_lung_details",
        "health",
        "Please tell us more",
        Kind.LONGTEXT,
        needed_if=_said_yes("heart_lung_disease"),
        staff_label="Heart or lung details",
    ),
    Question(
        "anaesthesia_problems",
        "health",
        "Have you, or a blood relative, had a problem with an anaesthetic?",
        Kind.YESNO,
        choices=YES_NO,
        staff_label="Problem with anaesthesia",
    ),
    Question(
        "anaesthesia_details",
        "health",
        "Please tell us more",
        Kind.LONGTEXT,
        needed_if=_said_yes("anaesthesia_problems"),
        staff_label="Anaesthesia details",
    ),
    Question(
        "pregnancy",
        "health",
        "Are you pregnant, or planning a pregnancy?",
        Kind.CHOICE,
        choices=PREGNANCY_CHOICES,
        needed_if=_not_male,
        staff_label="Pregnancy",
    ),
    # Allergies
    Question(
        "no_known_allergies",
        "allergies",
        "I have no known allergies",
        Kind.FLAG,
        required=False,
        staff_label="No known allergies",
    ),
    Question(
        "allergies",
        "allergies",
        "Allergies",
        Kind.ALLERGIES,
        help="One row per allergy: what you react to, what kind of thing it is, what happens.",
        needed_if=_no_flag("no_known_allergies"),
    ),
    # Medicines
    Question(
        "no_medications",
        "medicines",
        "I take no medicines or supplements",
        Kind.FLAG,
        required=False,
        staff_label="No medicines",
    ),
    Question(
        "medications",
        "medicines",
        "Medicines and supplements",
        Kind.LINES,
        help="One per line, with the dose if you know it, e.g. “ibuprofen 200 mg when "
        "needed” or “fish oil capsules”.",
        needed_if=_no_flag("no_medications"),
    ),
    # Lifestyle
    Question(
        "nicotine",
        "lifestyle",
        "Do you smoke, vape or use nicotine in any other form?",
        Kind.CHOICE,
        choices=NICOTINE_CHOICES,
        staff_label="Nicotine",
    ),
    Question(
        "nicotine_details",
        "lifestyle",
        "What and how much?",
        Kind.TEXT,
        required=False,
        max_length=300,
        staff_label="Nicotine details",
    ),
    Question(
        "alcohol",
        "lifestyle",
        "How much alcohol do you drink?",
        Kind.CHOICE,
        choices=ALCOHOL,
        staff_label="Alcohol",
    ),
    # Finish
    Question(
        "questions",
        "finish",
        "Questions for your surgeon",
        Kind.LONGTEXT,
        help="Anything you would like to ask at the consultation.",
        required=False,
    ),
    Question(
        "confirm_true",
        "finish",
        "My answers are complete and true to the best of my knowledge.",
        Kind.CONFIRM,
        staff_label="Answers confirmed",
    ),
    Question(
        "consent_care",
        "finish",
        "I agree that the clinic uses my answers and photos to plan and carry out my care.",
        Kind.CONFIRM,
        staff_label="Consent to use for care",
    ),
)
BY_NAME: Mapping[str, Question] = {q.name: q for q in QUESTIONS}


def questions_in(section: str) -> tuple[Question, ...]:
    return tuple(q for q in QUESTIONS if q.section == section)


def choice_label(question: Question, value: Any) -> str:
    """The label of a stored choice value (the value itself if unknown)."""
    return dict(question.choices).get(value, "" if value is None else str(value))
