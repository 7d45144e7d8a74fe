"""The shipped dataset: every fixed id other pages rely on exists, and content rules hold.

Pages call macros with these ids (level_title("bht-1"), cite("samhsa-988"), ...), so
removing or renaming one breaks pages far from data/. These tests say which.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from handbook.load.loader import load_handbook

FIXED_IDS = {
    "levels": ["bht-1", "bht-2", "lead-bht"],
    "phases": ["day-1", "week-1", "day-30", "day-60", "day-90"],
    "settings": ["inpatient", "residential", "outpatient", "day-treatment", "school", "community"],
    "observation_levels": ["routine", "q30", "q15", "line-of-sight", "one-to-one"],
    "certifications": [
        "hs-diploma-ged",
        "associate-degree",
        "bachelor-degree",
        "cpr-first-aid",
        "cpi",
        "mapa",
        "qpr",
        "asist",
        "cna",
        "state-credential",
    ],
    "sources": [
        "bls-oews-29-2053",
        "bls-oews-31-1133",
        "bls-ooh-psychiatric-technicians",
        "cms-42-cfr-482-13",
        "samhsa-tic-concept",
        "joint-commission-hr-standards",
        "hhs-hipaa-privacy",
        "ecfr-42-cfr-part-2",
        "samhsa-988",
    ],
    "terms": [
        "adl",
        "mar",
        "ehr",
        "hipaa",
        "42-cfr-part-2",
        "cpi",
        "mapa",
        "qpr",
        "asist",
        "aba",
        "cbt",
        "fba",
        "bsp",
        "c-ssrs",
        "asq",
        "q15",
        "one-to-one",
        "prn",
        "dap",
        "soap",
        "birp",
        "lpc",
        "lcsw",
        "lpn",
        "rn",
        "cna",
        "tic",
        "bht",
    ],
}


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data", root=ROOT)


@pytest.mark.parametrize("collection", sorted(FIXED_IDS))
def test_fixed_ids_exist(book, collection):
    missing = [i for i in FIXED_IDS[collection] if i not in book.ids(collection)]
    assert not missing, f"data/ lost fixed {collection} id(s) that pages use: {missing}"


def test_role_aliases_are_findable_in_the_glossary(book):
    names = {name.casefold() for term in book.terms for name in (term.term, *term.aliases)}
    for alias in ("MHT", "Psych tech", "Mental health technician"):
        assert alias.casefold() in names, alias
    assert {"MHT", "Mental health technician", "Psych tech", "Psychiatric technician"} <= set(book.role.aliases)


def test_enough_content_for_the_handbook(book):
    primary = [r for r in book.responsibilities if r.category == "primary"]
    secondary = [r for r in book.responsibilities if r.category == "secondary"]
    assert len(primary) >= 22 and len(secondary) >= 6
    assert len(book.terms) >= 40
    assert {s.kind for s in book.skills} == {"hard", "soft"}
    assert 3 <= len(book.voices) <= 5


def test_duties_that_vary_are_scoped(book):
    scopes = {r.id: r.scope for r in book.responsibilities}
    assert scopes["safety-holds"] == "restraint"
    assert scopes["mandated-reporting"] == "varies-by-state"
    assert scopes["medication-observation"] == "medication-observe"
    assert scopes["medication-assist"] == "medication-assist"
    skills = {s.id: s.scope for s in book.skills}
    assert skills["restraint-protocols"] == "restraint" and skills["medication-assistance"] == "medication-observe"


def test_day_one_is_before_patient_contact_and_ends_on_day_90(book):
    assert book.phases[0].id == "day-1" and book.phases[0].before_patient_contact
    assert not any(p.before_patient_contact for p in book.phases[1:])
    assert book.phases[-1].day_end == 90


def test_voices_are_fictional(book):
    assert all(v.fictional for v in book.voices)


def test_no_unrecognized_credential_or_dated_pay_figure():
    text = "\n".join(
        line
        for path in sorted((ROOT / "data").glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    assert "CMHT" not in text, "the CMHT has no identifiable issuer; do not list it as a credential"
    assert not re.search(r"\b36,?000\b", text), "the seed's $36,000 median is dated; use a sourced BLS figure"
