"""Registry of the sources behind every clinical rule and number.

Each rule, default and checklist item in :mod:`hipdip.care` cites a :class:`Source`
by its ``id``, so staff can see where a figure comes from and a reviewer can check it.
Citations follow ``shared/CLINICAL.md``. ``strength`` separates peer-reviewed papers and
guidelines from clinic or secondary sources (marked [S] there) and from the product's
own documented assumptions, which are the weakest and the first a clinic should replace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = ["SOURCES", "Source", "SourceStrength", "get_source"]


class SourceStrength(StrEnum):
    """How much weight a source carries."""

    PAPER = "paper"
    GUIDELINE = "guideline"
    SECONDARY = "secondary"  # clinic websites, practice habits: [S] in CLINICAL.md
    ASSUMPTION = "assumption"  # a documented product default with no published figure
    CLINIC = "clinic"  # the clinic's own override


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A citable source: a stable ``id`` and the citation shown to staff."""

    id: str
    citation: str
    strength: SourceStrength


_ALL: tuple[Source, ...] = (
    Source(
        id="hip-series-2023",
        citation="Hip fat grafting with abdominoplasty, 1,125 cases; injected volume about "
        "26 % of aspirate (PMC10566768).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="swanson-2016",
        citation="Swanson, buttock fat grafting retention by ultrasound, PRS GO 2016;4:e697.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="gir-rohrich-2012",
        citation="Gir, Rohrich et al., fat grafting survival 40-80 %, PRS 2012;130:249.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="allen-coleman-2013",
        citation="Allen, Coleman et al., centrifugation of fat grafts, PRS 2013;131:38.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="asps-haeck-2009",
        citation="ASPS advisory on liposuction: over 5,000 mL aspirate is large-volume and "
        "needs extended monitoring (Haeck et al., PRS 2009;124(4S):28S).",
        strength=SourceStrength.GUIDELINE,
    ),
    Source(
        id="aserf-mofid-2017",
        citation="ASERF task force on gluteal fat grafting deaths: deep (intramuscular) "
        "injection drives fatal fat embolism (Mofid et al., ASJ 2017;37:796).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="fat-embolism-2023",
        citation="Fat embolism after fat grafting: 69 % begin within 24 h, signs "
        "breathlessness, confusion, pinpoint rash (Healthcare 2023;11:1391).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="pannucci-2012",
        citation="Pannucci et al., Caprini score and 60-day VTE risk, PRS 2012;130:343.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="comerci-2024",
        citation="Comerci et al., complications of liposuction in 29,368 patients, ASJ 2024.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="aesthetic-society",
        citation="The Aesthetic Society, patient guidance on liposuction and fat transfer "
        "recovery (week 1 bandages, drains, swelling).",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="clinic-recovery",
        citation="Recovery guidance published by body-contouring clinics (compression, sitting, "
        "return to work and exercise, final result).",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="clinic-candidacy",
        citation="Candidacy criteria published by body-contouring clinics: BMI under 30 "
        "(some up to 34), stable weight, no complicated diabetes or significant heart or "
        "lung disease.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="sorensen-2012-ann-surg",
        citation="Sørensen, smoking cessation and wound healing, Ann Surg 2012;255:1069.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="sorensen-2012-arch-surg",
        citation="Sørensen, wound complications in smokers (necrosis 3.6x, infection 1.8x), "
        "Arch Surg 2012;147:373.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="uf-plastic-surgery",
        citation="University of Florida Plastic Surgery, pre-operative medication list: "
        "stop aspirin 10 days before surgery.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="nsaid-half-lives",
        citation="NSAID holds of about 4.5 half-lives: ibuprofen 1-2 days, naproxen and "
        "meloxicam 4, piroxicam 10 (common practice).",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="aesthetic-practice-holds",
        citation="Common aesthetic-surgery practice: stop NSAIDs and bleeding-related "
        "supplements (fish oil, vitamin E, ginger, feverfew, dong quai, bilberry) 14 days "
        "before surgery.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="asa-herbals",
        citation="American Society of Anesthesiologists: stop herbal medicines at least "
        "2 weeks before surgery.",
        strength=SourceStrength.GUIDELINE,
    ),
    Source(
        id="ang-lee-2001",
        citation="Ang-Lee, Moss, Yuan, herbal medicines and perioperative care, "
        "JAMA 2001;286:208 (garlic 7 d, ginseng 7 d, ginkgo 36 h, kava 24 h, ephedra 24 h, "
        "St John's wort 5 d).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="prescriber-rule",
        citation="Prescribed anticoagulants and antiplatelets are never stopped without the "
        "prescribing doctor; hipdip only flags them.",
        strength=SourceStrength.GUIDELINE,
    ),
    Source(
        id="caprini-oestrogen",
        citation="Oestrogen (combined pill, HRT) is a Caprini VTE risk factor; the surgeon "
        "decides (Pannucci et al., 2012).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="medscape-lipo-workup",
        citation="Medscape, liposuction pre-operative workup: blood count, urinalysis, "
        "electrolytes on diuretics, chest X-ray for smokers, ECG by age, pregnancy test, "
        "HIV and hepatitis.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="practice-labs",
        citation="Common practice: clotting tests and a metabolic panel in the pre-op workup.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="asa-fasting-2017",
        citation="American Society of Anesthesiologists, practice guidelines for "
        "preoperative fasting (healthy patients, elective procedures): light meal up to "
        "6 h, clear fluids up to 2 h before; Anesthesiology 2017;126:376.",
        strength=SourceStrength.GUIDELINE,
    ),
    Source(
        id="mancuso-2010",
        citation="Mancuso, Knoesen, Castle, Dysmorphic Concern Questionnaire: cut-off 9 "
        "classified 96.4 % of BDD patients correctly (2010); stricter 11 and 14 also used.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="bddq-as",
        citation="BDDQ-AS (Body Dysmorphic Disorder Questionnaire, Aesthetic Surgery) scoring "
        "rule; sensitivity 89.6 %, specificity 81.4 % in rhinoplasty patients.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="joseph-2017",
        citation="Joseph et al., BDD screening in cosmetic patients (13.1 % positive); a "
        "positive screen is a reason to talk, JAMA Facial Plast Surg 2017.",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="red-flags",
        citation="Warning signs after surgery, drawn from the literature on fat embolism, "
        "blood clots (VTE) and wound infection; the clinic's surgeons review this list "
        "before patients use the check-ins.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="hipdip-brief",
        citation="hipdip training programme: squats, lunges, jump variants, dumbbell "
        "squats with 4.5-7 kg in each hand, deadlifts, and diet guidance.",
        strength=SourceStrength.SECONDARY,
    ),
    Source(
        id="height-self-report",
        citation="Connor Gorber et al., direct vs self-reported height, weight and BMI: a "
        "systematic review, Obes Rev 2007;8:307 (self-reported height is on average 1-2 cm "
        "above measured height, with wider individual differences).",
        strength=SourceStrength.PAPER,
    ),
    Source(
        id="hipdip-measurement",
        citation="hipdip measurement: a dip is counted as present from 3.0 mm deep.",
        strength=SourceStrength.ASSUMPTION,
    ),
    Source(
        id="hipdip-model",
        citation="hipdip planning model: documented geometric and time assumptions with no "
        "published figure; replace with the clinic's own data.",
        strength=SourceStrength.ASSUMPTION,
    ),
    Source(
        id="hipdip-policy",
        citation="hipdip product default (schedules, thresholds with no published figure); "
        "a clinic should confirm or override it.",
        strength=SourceStrength.ASSUMPTION,
    ),
    Source(
        id="clinic-settings",
        citation="This clinic's own setting, which replaces the product default.",
        strength=SourceStrength.CLINIC,
    ),
)

SOURCES: Mapping[str, Source] = MappingProxyType({s.id: s for s in _ALL})


def get_source(source_id: str) -> Source:
    """Return the source with ``source_id``; raise ``KeyError`` naming it if unknown."""
    try:
        return SOURCES[source_id]
    except KeyError:
        raise KeyError(f"unknown source id {source_id!r}") from None
