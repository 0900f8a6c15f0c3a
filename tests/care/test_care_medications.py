"""Medication catalogue: brand names and doses map to the right class and hold."""

import pytest

from hipdip.care.medications import CATALOGUE, DrugClass, classify_medications, lookup_agent
from hipdip.care.settings import HOLD_DEFAULTS


@pytest.mark.parametrize(
    ("entered", "key"),
    [
        ("Advil", "ibuprofen"),
        ("Motrin IB 200mg", "ibuprofen"),
        ("Aleve", "naproxen"),
        ("low-dose aspirin 81 mg", "aspirin"),
        ("Coumadin", "warfarin"),
        ("ELIQUIS", "apixaban"),
        ("Plavix 75", "clopidogrel"),
        ("Ginkgo biloba", "ginkgo"),
        ("St. John's Wort", "st_johns_wort"),
        ("omega-3 fish oil", "fish_oil"),
        ("Vitamin E 400 IU", "vitamin_e"),
        ("HRT", "oestrogen"),
        ("Lasix", "furosemide"),
        ("herbal tea blend", "herbal"),
    ],
)
def test_brand_names_and_doses_map_to_the_catalogue(entered, key):
    agent = lookup_agent(entered)
    assert agent is not None and agent.key == key


def test_unknown_names_stay_visible_as_unrecognised():
    matches = classify_medications(["paracetamol", " ", "Advil"])
    assert [(m.entered, m.agent is None) for m in matches] == [
        ("paracetamol", True),
        ("Advil", False),
    ]


def test_anticoagulants_and_antiplatelets_have_no_hold_and_are_prescriber_only():
    for agent in CATALOGUE.values():
        if agent.drug_class in (DrugClass.ANTICOAGULANT, DrugClass.ANTIPLATELET):
            assert agent.hold_key is None and agent.prescriber_only
        else:
            assert not agent.prescriber_only


def test_every_hold_key_in_the_catalogue_has_a_sourced_default():
    for agent in CATALOGUE.values():
        assert agent.hold_key is None or agent.hold_key in HOLD_DEFAULTS
