"""A small catalogue of medicines and supplements that matter before surgery.

Maps what a patient types ("Advil 200mg", "fish oil", "Eliquis") to an :class:`Agent`
with a :class:`DrugClass` and, where it must be paused, a hold key into
``ClinicSettings.hold_days``. Prescribed anticoagulants and antiplatelets have no hold
key on purpose: they are never stopped without the prescribing doctor, only flagged.
Unrecognised names are returned as such so staff review them; nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "CATALOGUE",
    "Agent",
    "DrugClass",
    "MedicationMatch",
    "classify_medications",
    "lookup_agent",
]


class DrugClass(StrEnum):
    """Why a medicine or supplement matters around surgery."""

    ASPIRIN = "aspirin"
    NSAID = "nsaid"
    ANTICOAGULANT = "anticoagulant"
    ANTIPLATELET = "antiplatelet"
    SUPPLEMENT = "supplement"  # vitamins, oils and herbals that affect bleeding or sedation
    OESTROGEN = "oestrogen"  # raises clot risk (Caprini factor); surgeon decides
    DIURETIC = "diuretic"  # electrolytes test before surgery


@dataclass(frozen=True, slots=True, kw_only=True)
class Agent:
    """A medicine or supplement: display name, other names, class and hold key."""

    key: str
    name: str
    drug_class: DrugClass
    synonyms: tuple[str, ...] = ()
    hold_key: str | None = None

    @property
    def prescriber_only(self) -> bool:
        """True when only the prescribing doctor may stop it."""
        return self.drug_class in (DrugClass.ANTICOAGULANT, DrugClass.ANTIPLATELET)


def _a(key: str, name: str, cls: DrugClass, hold: str | None, *syn: str) -> Agent:
    return Agent(key=key, name=name, drug_class=cls, hold_key=hold, synonyms=syn)


_N, _S = DrugClass.NSAID, DrugClass.SUPPLEMENT
_AC, _AP = DrugClass.ANTICOAGULANT, DrugClass.ANTIPLATELET

_AGENTS: tuple[Agent, ...] = (
    _a(
        "aspirin",
        "Aspirin",
        DrugClass.ASPIRIN,
        "aspirin",
        "acetylsalicylic acid",
        "asa",
        "bayer",
        "ecotrin",
        "disprin",
        "bufferin",
        "excedrin",
    ),
    _a("ibuprofen", "Ibuprofen", _N, "ibuprofen", "advil", "motrin", "nurofen", "brufen"),
    _a("naproxen", "Naproxen", _N, "naproxen", "aleve", "naprosyn", "anaprox"),
    _a("meloxicam", "Meloxicam", _N, "meloxicam", "mobic"),
    _a("piroxicam", "Piroxicam", _N, "piroxicam", "feldene"),
    _a("diclofenac", "Diclofenac", _N, "nsaid_default", "voltaren", "cataflam"),
    _a("ketoprofen", "Ketoprofen", _N, "nsaid_default", "orudis"),
    _a("indomethacin", "Indomethacin", _N, "nsaid_default", "indocin"),
    _a("ketorolac", "Ketorolac", _N, "nsaid_default", "toradol"),
    _a("warfarin", "Warfarin", _AC, None, "coumadin", "jantoven", "marevan"),
    _a("apixaban", "Apixaban", _AC, None, "eliquis"),
    _a("rivaroxaban", "Rivaroxaban", _AC, None, "xarelto"),
    _a("dabigatran", "Dabigatran", _AC, None, "pradaxa"),
    _a("edoxaban", "Edoxaban", _AC, None, "savaysa", "lixiana"),
    _a("heparin", "Heparin", _AC, None),
    _a("enoxaparin", "Enoxaparin", _AC, None, "lovenox", "clexane"),
    _a("clopidogrel", "Clopidogrel", _AP, None, "plavix"),
    _a("prasugrel", "Prasugrel", _AP, None, "effient"),
    _a("ticagrelor", "Ticagrelor", _AP, None, "brilinta", "brilique"),
    _a("dipyridamole", "Dipyridamole", _AP, None, "persantine", "aggrenox"),
    _a("vitamin_e", "Vitamin E", _S, "vitamin_e", "tocopherol", "vit e"),
    _a("fish_oil", "Fish oil", _S, "fish_oil", "omega 3", "omega-3", "cod liver oil"),
    _a("garlic", "Garlic supplement", _S, "garlic", "allium"),
    _a("ginseng", "Ginseng", _S, "ginseng"),
    _a("ginkgo", "Ginkgo", _S, "ginkgo", "ginkgo biloba"),
    _a("kava", "Kava", _S, "kava", "kava kava"),
    _a("ephedra", "Ephedra", _S, "ephedra", "ma huang"),
    _a(
        "st_johns_wort",
        "St John's wort",
        _S,
        "st_johns_wort",
        "st john's wort",
        "st johns wort",
        "saint john's wort",
        "hypericum",
    ),
    _a("ginger", "Ginger supplement", _S, "ginger"),
    _a("feverfew", "Feverfew", _S, "feverfew"),
    _a("dong_quai", "Dong quai", _S, "dong_quai", "dong quai", "angelica sinensis"),
    _a("bilberry", "Bilberry", _S, "bilberry"),
    _a(
        "herbal",
        "Herbal product",
        _S,
        "herbal_default",
        "herbal",
        "herbal tea",
        "herbal supplement",
        "herbs",
    ),
    _a(
        "oestrogen",
        "Oestrogen (pill or HRT)",
        DrugClass.OESTROGEN,
        None,
        "estrogen",
        "estradiol",
        "oestradiol",
        "combined pill",
        "contraceptive pill",
        "the pill",
        "hrt",
        "premarin",
    ),
    _a("furosemide", "Furosemide", DrugClass.DIURETIC, None, "lasix", "frusemide"),
    _a("hydrochlorothiazide", "Hydrochlorothiazide", DrugClass.DIURETIC, None, "hctz"),
    _a("spironolactone", "Spironolactone", DrugClass.DIURETIC, None, "aldactone"),
    _a("bumetanide", "Bumetanide", DrugClass.DIURETIC, None, "bumex"),
    _a("indapamide", "Indapamide", DrugClass.DIURETIC, None),
    _a("chlorthalidone", "Chlorthalidone", DrugClass.DIURETIC, None),
)

CATALOGUE: Mapping[str, Agent] = MappingProxyType({a.key: a for a in _AGENTS})


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.lower().replace("’", "'")).split())


_BY_NAME: Mapping[str, Agent] = MappingProxyType(
    {_norm(n): a for a in _AGENTS for n in (a.key.replace("_", " "), a.name, *a.synonyms)}
)


def lookup_agent(text: str) -> Agent | None:
    """Find the catalogue agent named in ``text`` (case, dose and punctuation ignored).

    The longest known name contained in the text wins, so "ginkgo biloba 120 mg" maps to
    ginkgo and "low-dose aspirin" to aspirin. Returns ``None`` when nothing matches.
    """
    words = f" {_norm(text)} "
    hits = [name for name in _BY_NAME if f" {name} " in words]
    if not hits:
        return None
    return _BY_NAME[max(hits, key=len)]


@dataclass(frozen=True, slots=True, kw_only=True)
class MedicationMatch:
    """What the patient wrote and the agent it was matched to (``None``: unrecognised)."""

    entered: str
    agent: Agent | None


def classify_medications(names: Iterable[str]) -> tuple[MedicationMatch, ...]:
    """Match each entered name; blank entries are skipped, unknown ones kept."""
    return tuple(
        MedicationMatch(entered=n.strip(), agent=lookup_agent(n)) for n in names if n.strip()
    )
