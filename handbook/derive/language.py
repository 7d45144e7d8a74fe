"""Flag stigmatizing terms in docs/ and data/, each with the person-first alternative.

Words shape how staff treat people in care. A term is allowed only where it is
quoted on purpose (for example, on the person-first language page, to teach what to
say instead): list that file in ``.language-allow.yml`` with a reason, or mark one line
with ``language-check: allow`` in a comment. Engine-free; ``python -m macros language``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ALLOW_FILE = ".language-allow.yml"
LINE_MARKER = "language-check: allow"
SCANNED = (("docs", "*.md"), ("data", "*.yml"))

# Nouns after a diagnosis word that make it an adjective about the condition, not a
# label for a person: "a bipolar disorder" is fine, "a bipolar" is not.
_CONDITION_NOUNS = r"disorders?|episodes?|symptoms?|illness|diagnos[ie]s|medications?|spectrum|type|features|depression"
CONDITIONS = {
    "schizophrenic": "schizophrenia",
    "bipolar": "bipolar disorder",
    "anorexic": "anorexia",
    "bulimic": "bulimia",
    "depressive": "depression",
    "epileptic": "epilepsy",
}


@dataclass(frozen=True)
class Rule:
    id: str  # what the allowlist names
    pattern: str
    instead: str

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)

    def suggest(self, matched: str) -> str:
        """The alternative, naming the condition when the term is a diagnosis used as a label."""
        if "{condition}" not in self.instead:
            return self.instead
        word = next((w for w in CONDITIONS if w in matched.lower()), "schizophrenic")
        return self.instead.format(condition=CONDITIONS[word])


RULES: tuple[Rule, ...] = (
    Rule("the-mentally-ill", r"\bthe mentally ill\b", "people with mental illness"),
    Rule("mentally-ill-person", r"\bmentally ill (?:person|people|patients?|man|woman|men|women)\b", "a person with a mental illness"),
    Rule("committed-suicide", r"\bcommit(?:s|ted|ting)? suicide\b", "died by suicide, or took their own life"),
    Rule("successful-suicide", r"\b(?:successful|failed|unsuccessful|completed) suicide\b", "died by suicide, or a suicide attempt"),
    Rule("addict", r"\baddicts?\b", "a person with a substance use disorder, or a person in recovery"),
    Rule("junkie", r"\bjunkies?\b", "a person who uses drugs"),
    Rule("abuser", r"\b(?:drug|substance|alcohol) abusers?\b", "a person who uses drugs, or a person with a substance use disorder"),
    Rule("alcoholic", r"\balcoholics\b|\b(?:an|the) alcoholic\b(?!\s+(?:beverages?|drinks?))", "a person with an alcohol use disorder"),
    Rule("crazy", r"\bcrazy\b", "describe what you saw, or say a person with a mental health condition"),
    Rule("psycho", r"\bpsychos?\b", "describe what you saw, or say a person with psychosis"),
    Rule(
        "diagnosis-as-noun",
        r"\b(?:schizophrenics|bipolars|anorexics|bulimics|epileptics)\b|"
        r"\b(?:a|an|the|this|that|one|each|every)\s+(?:schizophrenic|bipolar|anorexic|bulimic|depressive|epileptic)\b"
        rf"(?!\s+(?:{_CONDITION_NOUNS})\b)",
        "a person with {condition}",
    ),
    Rule(
        "suffers-from",
        r"\bsuffer(?:s|ed|ing)? from\b|\bafflicted (?:with|by)\b|\bstricken with\b",
        "has, lives with, or is being treated for",
    ),
    Rule(
        "lunatic",
        r"\blunatics?\b|\bmaniacs?\b|\bnut ?(?:case|job|house)s?\b|\bloon(?:ey|y|ies)\b",
        "a person with a mental health condition",
    ),
    Rule("insane", r"\binsane\b", "describe what you saw, or say a person with a mental health condition"),
    Rule(
        "mental-patient",
        r"\bmental patients?\b|\bmental (?:institution|hospital)s?\b",
        "a person receiving mental health care; a psychiatric hospital",
    ),
    Rule("retarded", r"\bretard(?:ed|s)?\b", "a person with an intellectual disability"),
    Rule("handicapped", r"\bhandicapped\b", "a person with a disability"),
    Rule("wheelchair-bound", r"\bwheelchair[- ]bound\b|\bconfined to a wheelchair\b", "a person who uses a wheelchair"),
    Rule("frequent-flyer", r"\bfrequent fl(?:y|i)ers?\b", "a person with frequent admissions"),
    Rule(
        "dirty-clean",
        r"\b(?:dirty|clean) (?:urine|UA|drug screen|drug test|tox(?: screen)?)s?\b|\b(?:tested|came back) (?:dirty|clean)\b",
        "tested positive, or tested negative",
    ),
    Rule("the-homeless", r"\bthe homeless\b(?!\s+(?:shelters?|services?|programs?|population)\b)", "people experiencing homelessness"),
)


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the project root
    line: int
    rule: Rule
    text: str  # what matched, as written

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: "{self.text}": say "{self.rule.suggest(self.text)}" instead ({self.rule.id})'


class AllowlistError(Exception):
    pass


def load_allowlist(root: Path) -> dict[str, set[str]]:
    """``{file: rule ids}`` from .language-allow.yml (``all`` allows every rule in that file)."""
    path = root / ALLOW_FILE
    if not path.is_file():
        return {}
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        raise AllowlistError(f"{ALLOW_FILE}: not valid YAML: {error}") from None
    known = {rule.id for rule in RULES} | {"all"}
    allowed: dict[str, set[str]] = {}
    for i, entry in enumerate(entries if isinstance(entries, list) else [None]):
        where = f"{ALLOW_FILE}: entry {i + 1}"
        if not isinstance(entry, dict) or set(entry) != {"file", "terms", "reason"}:
            raise AllowlistError(f"{where}: each entry needs exactly file, terms and reason")
        if not str(entry["reason"]).strip():
            raise AllowlistError(f"{where}: say why this file may use these terms")
        terms = entry["terms"] if isinstance(entry["terms"], list) else [entry["terms"]]
        unknown = sorted(set(map(str, terms)) - known)
        if unknown:
            raise AllowlistError(f"{where}: unknown term id(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}")
        if not (root / entry["file"]).is_file():
            raise AllowlistError(f"{where}: {entry['file']} does not exist")
        allowed.setdefault(entry["file"], set()).update(map(str, terms))
    return allowed


def scan_text(path: str, text: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    if "all" in allowed:
        return []
    findings: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if LINE_MARKER in line:
            continue
        on_line = [(m.start(), rule, m.group(0)) for rule in RULES if rule.id not in allowed for m in rule.regex.finditer(line)]
        findings.extend(Finding(path, number, rule, text) for _, rule, text in sorted(on_line, key=lambda hit: hit[0]))
    return findings


def scan(root: Path) -> list[Finding]:
    """Every finding under docs/ and data/, minus what the allowlist permits."""
    root = Path(root)
    allowlist = load_allowlist(root)
    findings = []
    for folder, pattern in SCANNED:
        for path in sorted((root / folder).rglob(pattern)):
            rel = path.relative_to(root).as_posix()
            findings.extend(scan_text(rel, path.read_text(encoding="utf-8"), allowlist.get(rel, set())))
    return findings
