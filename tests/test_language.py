"""The language check catches each stigmatizing term, leaves clinical words alone, and honors the allowlist."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from handbook.derive import language

# One planted sentence per rule, and what the check must quote back.
PLANTED = {
    "the-mentally-ill": ("Housing for the mentally ill is scarce.", "the mentally ill"),
    "mentally-ill-person": ("A mentally ill person has rights.", "mentally ill person"),
    "committed-suicide": ("Her brother committed suicide last year.", "committed suicide"),
    "successful-suicide": ("It was a failed suicide.", "failed suicide"),
    "addict": ("He is an addict.", "addict"),
    "junkie": ("Staff called him a junkie.", "junkie"),
    "abuser": ("She is a drug abuser.", "drug abuser"),
    "alcoholic": ("Her father was an alcoholic.", "an alcoholic"),
    "crazy": ("The unit was crazy tonight.", "crazy"),
    "psycho": ("Someone yelled psycho.", "psycho"),
    "diagnosis-as-noun": ("Room 4 has a schizophrenic.", "a schizophrenic"),
    "suffers-from": ("He suffers from depression.", "suffers from"),
    "lunatic": ("Do not call anyone a lunatic.", "lunatic"),
    "insane": ("That plan is insane.", "insane"),
    "mental-patient": ("She was a mental patient.", "mental patient"),
    "retarded": ("Never say retarded.", "retarded"),
    "handicapped": ("The handicapped entrance.", "handicapped"),
    "wheelchair-bound": ("He is wheelchair-bound.", "wheelchair-bound"),
    "frequent-flyer": ("He is a frequent flyer here.", "frequent flyer"),
    "dirty-clean": ("Her test came back dirty.", "came back dirty"),
    "the-homeless": ("Services for the homeless.", "the homeless"),
}

CLEAN = [
    "A person with schizophrenia may hear voices.",
    "Schizophrenic disorder is an old phrase; the schizophrenia spectrum is current.",
    "Addiction is treatable. Substance use disorder is the clinical term.",
    "Talk to the psychologist about psychosis and psychotherapy.",
    "She died by suicide. He survived a suicide attempt.",
    "A person in recovery from an alcohol use disorder.",
    "Keep the room clean. Drinks with alcohol are not allowed.",
    "Substance Abuse and Mental Health Services Administration (SAMHSA).",
    "The team committed to a plan.",
    "A bipolar disorder diagnosis; a depressive episode.",
    "Staff at the homeless shelter.",
]


def test_every_rule_has_a_planted_fixture():
    assert set(PLANTED) == {rule.id for rule in language.RULES}


@pytest.mark.parametrize("rule_id", sorted(PLANTED))
def test_each_term_is_caught_with_its_alternative(rule_id):
    sentence, quoted = PLANTED[rule_id]
    findings = language.scan_text("docs/x.md", f"---\nowner: Lead BHT\n---\n\n{sentence}\n")
    assert [(f.rule.id, f.text.lower(), f.line) for f in findings] == [(rule_id, quoted, 5)]
    message = str(findings[0])
    assert message.startswith(f'docs/x.md:5: "{findings[0].text}": say "')
    assert message.endswith(f"instead ({rule_id})")


def test_the_alternative_names_the_condition():
    found = language.scan_text("x.md", "He is a bipolar.\nAn anorexic came in.\nThey are schizophrenics.")
    assert [f.rule.suggest(f.text) for f in found] == [
        "a person with bipolar disorder",
        "a person with anorexia",
        "a person with schizophrenia",
    ]


@pytest.mark.parametrize("sentence", CLEAN)
def test_person_first_and_clinical_wording_passes(sentence):
    assert language.scan_text("docs/x.md", sentence) == []


def test_case_does_not_hide_a_term():
    assert [f.rule.id for f in language.scan_text("x.md", "CRAZY night. Committed Suicide.")] == ["crazy", "committed-suicide"]


def test_a_marked_line_and_allowed_rules_are_skipped():
    text = "Say died by suicide, not committed suicide. <!-- language-check: allow -->\nHe committed suicide.\n"
    assert [f.line for f in language.scan_text("x.md", text)] == [2]
    assert language.scan_text("x.md", "He is an addict. It was crazy.", {"addict"})[0].rule.id == "crazy"
    assert language.scan_text("x.md", "He is an addict. It was crazy.", {"all"}) == []


def _project(tmp_path, allow: str | None, page: str = "It was a crazy shift.\n"):
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "data" / "glossary.yml").write_text("terms:\n  - definition: A junkie.\n", encoding="utf-8")
    if allow is not None:
        (tmp_path / language.ALLOW_FILE).write_text(allow, encoding="utf-8")
    return tmp_path


def test_scan_covers_docs_and_data_and_the_allowlist_file(tmp_path):
    root = _project(tmp_path, None)
    assert [str(f).split(":")[0:2] for f in language.scan(root)] == [["docs/page.md", "1"], ["data/glossary.yml", "2"]]
    (root / language.ALLOW_FILE).write_text("- file: docs/page.md\n  terms: [crazy]\n  reason: Quotes it.\n", encoding="utf-8")
    assert [f.path for f in language.scan(root)] == ["data/glossary.yml"]


@pytest.mark.parametrize(
    ("allow", "message"),
    [
        ("- file: docs/page.md\n  terms: [crazy]\n", "each entry needs exactly file, terms and reason"),
        ("- file: docs/page.md\n  terms: [crazzy]\n  reason: x\n", "unknown term id(s) crazzy"),
        ("- file: docs/gone.md\n  terms: all\n  reason: x\n", "docs/gone.md does not exist"),
        ("- file: docs/page.md\n  terms: all\n  reason: ' '\n", "say why this file may use these terms"),
    ],
)
def test_a_bad_allowlist_entry_is_an_error(tmp_path, allow, message):
    root = _project(tmp_path, allow)
    with pytest.raises(language.AllowlistError, match=message.replace("(", r"\(").replace(")", r"\)")):
        language.scan(root)


def _cli(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "language", "--root", str(root)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow  # command runs
def test_the_command_fails_with_each_finding_and_the_shipped_handbook_passes(tmp_path):
    result = _cli(_project(tmp_path, None))
    assert result.returncode == 1
    assert 'docs/page.md:1: "crazy": say "' in result.stderr and "data/glossary.yml:2:" in result.stderr
    shipped = _cli(ROOT)
    assert shipped.returncode == 0, shipped.stderr
