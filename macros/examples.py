"""One example call per macro, for the macro reference page (docs/contribute/macros.md).

The reference page shows each call literally and then runs it, so the example and its
result can never disagree. Use only the fixed ids every edition has (levels, phases,
settings, observation levels, certifications, sources, glossary terms), so that a
facility's edition still builds. A test fails when a registered macro has no example.
"""

from __future__ import annotations

EXAMPLES: dict[str, str] = {
    "responsibilities_table": 'responsibilities_table(category="secondary", role="bht-1")',
    "level_comparison": 'level_comparison("bht-1", "bht-2")',
    "roles_table": "roles_table()",
    "settings_table": "settings_table()",
    "interventions_table": "interventions_table()",
    "observation_levels_table": "observation_levels_table()",
    "proficiency_scale": "proficiency_scale()",
    "skill_list": 'skill_list(kind="soft")',
    "skill_matrix": 'skill_matrix(kind="soft")',
    "career_paths_table": 'career_paths_table(kind="advancement")',
    "career_diagram": "career_diagram()",
    "certifications_table": 'certifications_table(kind="certification")',
    "labor_table": "labor_table()",
    "onboarding_plan": "onboarding_plan()",
    "onboarding_checklist": 'onboarding_checklist(phase="day-1")',
    "glossary": "glossary()",
    "sources_list": "sources_list()",
    "cite": 'cite("bls-oews-29-2053")',
    "voices": "voices()",
    "role_aliases": "role_aliases()",
    "level_title": 'level_title("bht-2")',
    "term": 'term("c-ssrs")',
    "medication_role": "medication_role()",
    "certification_name": 'certification_name("cpr-first-aid")',
    "state_name": "state_name()",
    "data_downloads": "data_downloads()",
    "download_columns": "download_columns()",
    "handbook_downloads": "handbook_downloads()",
    "edition_differences": "edition_differences()",
    "review_status": "review_status(overdue_only=True)",
    "macro_reference": "macro_reference()",
}

# Macros whose live result would mislead here. macro_reference would render itself
# forever. edition_differences names every record a facility's scope hides, and a
# reference page must not bring hidden duties back into that edition's site.
NOT_RUN = {
    "macro_reference": "This page is the live example.",
    "edition_differences": "See the live result on the page How this edition differs.",
}
