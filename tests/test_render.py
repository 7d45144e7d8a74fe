"""Exact output of every renderer, on a tiny handbook built in code (never data/).

Renderers are pure: model in, escaped HTML/Markdown out. These strings are the
contract; when a renderer changes on purpose, update its string here and review
the diff like any other change to the published site.
"""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from tinybook import RENDERS, build

from handbook.load import rules
from handbook.render import career as render_career
from handbook.render import onboarding as render_onboarding
from handbook.render import reference as render_reference
from handbook.render import roles as render_roles
from handbook.render import scenarios as render_scenarios
from handbook.render import skills as render_skills
from handbook.render.markup import RenderError

BOOK = build()

EXPECTED = {
    "scenario_drills": (
        '<section class="bht-drill" id="drill-missed-check" aria-labelledby="drill-missed-check-title"><h3 id="drill-mi'
        'ssed-check-title">Drill 1. A check is missed</h3><p class="bht-drill-situation">Sam (a fictional person) is no'
        't in his room.</p><p class="bht-drill-ask"><strong>What do you do? Who do you tell? What do you never do?</str'
        'ong> Answer out loud or on paper first, then open the answer.</p><details class="bht-drill-answer"><summary>Sh'
        "ow the answer</summary><p><strong>Do this, in order:</strong></p><ol><li>Tell the nurse.</li></ol><p><strong>N"
        "ever:</strong></p><ul><li>Do not wait.</li></ul><p><strong>Tell:</strong></p><ul><li>The nurse, at once.</li><"
        '/ul><p class="bht-drill-learn"><strong>Skills:</strong> Observe. <strong>Learn more:</strong> <a href="../safe'
        'ty/environment/">Safety/Environment</a>.</p></details></section>\n\n<section class="bht-drill" id="drill-hold" a'
        'ria-labelledby="drill-hold-title"><h3 id="drill-hold-title">Drill 2. A hold</h3><p class="bht-drill-situation"'
        '>A fight starts.<br><small class="bht-scope">Only where your facility uses holds and trains technicians for th'
        'em.</small></p><p class="bht-drill-ask"><strong>What do you do? Who do you tell? What do you never do?</strong'
        '> Answer out loud or on paper first, then open the answer.</p><details class="bht-drill-answer"><summary>Show '
        "the answer</summary><p><strong>Do this, in order:</strong></p><ol><li>Call for help.</li></ol><p><strong>Never"
        ":</strong></p><ul><li>Do not hold alone.</li></ul><p><strong>Tell:</strong></p><ul><li>The nurse.</li></ul><p "
        'class="bht-drill-learn"><strong>Skills:</strong> Calm. <strong>Learn more:</strong> <a href="../safety/holds/"'
        ">Safety/Holds</a>.</p></details></section>\n"
    ),
    "domains_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Areas of a technician&#x27;s work">'
        '<table class="bht-table"><caption>Areas of a technician&#x27;s work</caption><thead>'
        '<tr><th scope="col">Area</th><th scope="col">What it covers</th></tr></thead><tbody>'
        '<tr><th scope="row">Safety</th><td>Keep safe.</td></tr><tr><th scope="row">Records</th><td>Write it down.</td></tr>'
        "</tbody></table></div>\n"
    ),
    "ladder": '<dl class="bht-ladder"><dt>Tech I</dt><dd>New.</dd><dt>Tech II</dt><dd>Works alone.</dd></dl>\n',
    "career_paths_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Career paths">'
        '<table class="bht-table"><caption>Career paths</caption><thead>'
        '<tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Kind</th>'
        '<th scope="col">Why it fits</th><th scope="col">What you need</th></tr></thead><tbody>'
        '<tr><th scope="row">Aide</th><td>Tech I</td><td>Entry</td><td>Care carries over.</td><td>Diploma'
        "<br>CPR</td></tr>"
        '<tr><th scope="row">Tech I</th><td>Tech II</td><td>Advancement</td><td>Steady work.</td>'
        "<td>About 1 year of experience<br>The skill matrix targets for Tech II (3 skills grow)<br>Ask.</td></tr>"
        '<tr><th scope="row">Tech II</th><td>Nurse</td><td>Advancement</td><td>School.</td>'
        "<td>About 18 months of experience</td></tr>"
        '<tr><th scope="row">Tech I</th><td>Aide</td><td>Lateral move</td><td>Other work.</td>'
        "<td>&mdash;</td></tr></tbody></table></div>\n"
    ),
    "career_paths_table_lateral": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Lateral move paths">'
        '<table class="bht-table"><caption>Lateral move paths</caption><thead>'
        '<tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Kind</th>'
        '<th scope="col">Why it fits</th><th scope="col">What you need</th></tr></thead><tbody>'
        '<tr><th scope="row">Tech I</th><td>Aide</td><td>Lateral move</td><td>Other work.</td>'
        "<td>&mdash;</td></tr></tbody></table></div>\n"
    ),
    "certifications_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Education and certifications by level">'
        '<table class="bht-table"><caption>Education and certifications by level</caption><thead>'
        '<tr><th scope="col">Name</th><th scope="col">Who issues it</th><th scope="col">Tech I</th>'
        '<th scope="col">Tech II</th><th scope="col">Valid for</th><th scope="col">Renewal</th></tr></thead>'
        "<tbody>"
        '<tr><th scope="row">CPR</th><td>Heart group</td><td>Required</td><td>Required</td>'
        "<td>12 months</td><td>Set by your facility (the issuer&#x27;s own interval is 24 months)</td></tr>"
        '<tr><th scope="row">De-escalation (DE)</th><td>Trainer</td><td>Required</td><td>—</td>'
        "<td>12 months</td><td>Set by your facility. Varies by state</td></tr>"
        '<tr><th scope="row">Degree</th><td>College</td><td>—</td><td>Preferred</td><td>No expiry</td>'
        "<td>Does not expire</td></tr></tbody></table></div>\n"
    ),
    "labor_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="National pay and outlook">'
        '<table class="bht-table"><caption>National pay and outlook</caption><thead>'
        '<tr><th scope="col">Occupation</th><th scope="col">Median pay per year</th>'
        '<th scope="col">Median pay per hour</th><th scope="col">Job outlook</th>'
        '<th scope="col">Source</th></tr></thead><tbody>'
        '<tr><th scope="row">Psych techs <small>(SOC 29-2053)</small></th><td>$42,200</td><td>$20.29</td>'
        '<td>+3.5% (2024-34)</td><td><a href="../reference/sources/#source-src-a">Pub A, 2024</a></td></tr>'
        '<tr><th scope="row">Psych aides <small>(SOC 31-1133)</small></th><td>$38,000</td><td>$18.50</td>'
        "<td>&mdash;</td><td>"
        '<a href="../reference/sources/#source-src-b">Pub B, 2023</a></td></tr></tbody></table></div>\n'
    ),
    "career_diagram": (
        '<figure class="bht-career" aria-labelledby="bht-career-caption">'
        '<figcaption id="bht-career-caption">'
        "<strong>Career map.</strong> Read it from top to bottom:"
        " the jobs people often come from, "
        "the technician levels from first to highest, and the roles each level can lead to. "
        "The table of career paths gives what each move needs.</figcaption>"
        '<div class="bht-career-group bht-career-entry"><p class="bht-career-label">Come from</p><ul>'
        '<li>Aide</li></ul></div><ol class="bht-career-ladder"><li class="bht-career-level">'
        '<div class="bht-career-rung"><span class="bht-career-title">Tech I</span>'
        '<span class="bht-career-note">Start here</span></div><div class="bht-career-exits">'
        '<div class="bht-career-group bht-career-across"><p class="bht-career-label">Move across to</p>'
        '<ul><li>Aide</li></ul></div></div></li><li class="bht-career-level">'
        '<div class="bht-career-rung"><span class="bht-career-title">Tech II</span>'
        '<span class="bht-career-note">From Tech I, after about 1 year</span></div>'
        '<div class="bht-career-exits"><div class="bht-career-group bht-career-up">'
        '<p class="bht-career-label">Move up to</p><ul><li>Nurse</li></ul></div></div></li></ol>'
        "</figure>\n"
    ),
    "onboarding_plan": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="The first 90 days">'
        '<table class="bht-table"><caption>The first 90 days</caption><thead>'
        '<tr><th scope="col">Phase</th><th scope="col">When</th><th scope="col">Goal</th>'
        '<th scope="col">Working with patients</th><th scope="col">Sign-offs</th></tr></thead><tbody>'
        '<tr><th scope="row">Day 1</th><td>Day 1</td><td>Stay safe.</td>'
        "<td>Not yet: safety training first</td><td>1</td></tr>"
        '<tr><th scope="row">Week 1</th><td>Days 2&ndash;7</td><td>Shadow.</td><td>With a preceptor beside you</td>'
        "<td>2</td></tr></tbody></table></div>\n"
    ),
    "onboarding_checklist": (
        '### Day 1 checklist {#checklist-day-1 .bht-sheet-start}\n\n<div class="bht-checklist">'
        '<p class="bht-checklist-goal">Day 1. Stay safe.</p>'
        '<p class="bht-sheet-names">Employee: <span class="bht-line">'
        '</span> Preceptor: <span class="bht-line"></span> Unit: <span class="bht-line bht-line-short">'
        '</span></p>\n\n<div class="bht-scroll" role="region" tabindex="0" aria-label="Day 1: tasks">'
        '<table class="bht-table bht-signoff"><caption>Day 1: tasks</caption><thead><tr>'
        '<th scope="col">Task</th><th scope="col">Date done</th><th scope="col">Initials</th></tr>'
        '</thead><tbody><tr><th scope="row">Find exits.</th><td></td><td></td></tr><tr>'
        '<th scope="row">See the med room.</th><td></td><td></td></tr></tbody></table>'
        '</div>\n\n<div class="bht-scroll" role="region" tabindex="0" aria-label="Day 1: competencies to validate">'
        '<table class="bht-table bht-signoff"><caption>Day 1: competencies to validate</caption><thead>'
        '<tr><th scope="col">Competency</th><th scope="col">Allowed methods</th>'
        '<th scope="col">Date</th><th scope="col">Validator initials</th>'
        '<th scope="col">Method used</th></tr></thead><tbody><tr><th scope="row">States codes.</th>'
        "<td>Verbal, Written test</td><td></td><td></td><td></td></tr></tbody></table>"
        '</div>\n\n<p class="bht-signature">Employee signature: <span class="bht-line">'
        '</span> Validator signature: <span class="bht-line">'
        '</span> Date: <span class="bht-line bht-line-short"></span></p></div>\n'
    ),
    "glossary": (
        '<dl class="bht-glossary"><dt id="term-bht">BHT '
        '<span class="bht-expansion">(Behavioral Health Technician)</span></dt><dd>The role.<br>'
        '<small>Also called: MHT</small></dd><dt id="term-c-ssrs">C-SSRS '
        '<span class="bht-expansion">(Columbia scale)</span></dt><dd>A screen.</dd>'
        '<dt id="term-milieu">milieu</dt><dd>The unit&#x27;s daily life.</dd></dl>\n'
    ),
    "sources_list": (
        '<ol class="bht-sources">'
        '<li id="source-src-a">Pub A. <cite>Title A</cite>. May 2024. Retrieved 2025-01-02. '
        '<a href="https://example.org/a">https://example.org/a</a>.</li>'
        '<li id="source-src-b">Pub B. <cite>Title B</cite>. Retrieved 2025-03-04. '
        '<a href="https://example.org/b">https://example.org/b</a>. A note.</li></ol>\n'
    ),
    "cite": ("[Pub A, May 2024](../reference/sources.md#source-src-a)"),
    "voices": (
        '<figure class="bht-voice"><blockquote><p>Rounds matter.</p></blockquote>'
        "<figcaption>Sam Example, Night shift, Inpatient. "
        '<span class="bht-badge">Fictional example</span></figcaption></figure>\n'
        "\n"
        '<figure class="bht-voice"><blockquote><p>Count it.</p></blockquote>'
        "<figcaption>Alex Sample, School program, School. "
        '<span class="bht-badge">Shared with consent</span></figcaption></figure>\n'
    ),
    "abbreviations": ("*[BHT]: Behavioral Health Technician\n\n*[MHT]: Behavioral Health Technician\n\n*[C-SSRS]: Columbia scale"),
    "role_aliases": ("MHT, Psych tech"),
    "responsibilities_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="All responsibilities">'
        '<table class="bht-table"><caption>All responsibilities</caption><thead>'
        '<tr><th scope="col">Responsibility</th><th scope="col">What it involves</th>'
        '<th scope="col">Area</th><th scope="col">Skills used</th><th scope="col">Who</th></tr></thead>'
        "<tbody>"
        '<tr><th scope="row">Rounds</th><td>Do rounds.</td><td>Safety</td><td>Observe, Calm</td>'
        "<td>All levels</td></tr>"
        '<tr><th scope="row">Holds</th><td>Help with holds.<br>'
        '<small class="bht-scope">Only where your facility uses holds and trains technicians for them.</small></td>'
        "<td>Safety</td><td>&mdash;</td><td>All levels</td></tr>"
        '<tr><th scope="row">Notes</th><td>Write notes.</td><td>Records</td><td>Write</td>'
        "<td>Tech II</td></tr>"
        '<tr><th scope="row">Meds</th><td>Help with meds.<br>'
        '<small class="bht-scope">Only where state rules and your facility allow technicians to assist.</small></td>'
        "<td>Records</td><td>&mdash;</td><td>All levels</td></tr></tbody></table></div>\n"
    ),
    "responsibilities_table_filtered": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Primary responsibilities in Safety for Tech I">'
        '<table class="bht-table"><caption>Primary responsibilities in Safety for Tech I</caption><thead>'
        '<tr><th scope="col">Responsibility</th><th scope="col">What it involves</th>'
        '<th scope="col">Skills used</th><th scope="col">Who</th></tr></thead>'
        "<tbody>"
        '<tr><th scope="row">Rounds</th><td>Do rounds.</td><td>Observe, Calm</td>'
        "<td>All levels</td></tr></tbody></table></div>\n"
    ),
    "level_comparison": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Skills that grow from Tech I to Tech II">'
        '<table class="bht-table"><caption>Skills that grow from Tech I to Tech II</caption><thead>'
        '<tr><th scope="col">Skill</th><th scope="col">Tech I</th><th scope="col">Tech II</th>'
        '<th scope="col">What Tech II looks like</th></tr></thead><tbody>'
        '<tr><th scope="row">Observe</th><td>2 &middot; Helped</td><td>3 &middot; Alone</td>'
        "<td>Observe at 3.</td></tr>"
        '<tr><th scope="row">Write</th><td>1 &middot; Aware</td><td>3 &middot; Alone</td>'
        "<td>Write at 3.</td></tr>"
        '<tr><th scope="row">Meds</th><td>0 &middot; None</td><td>1 &middot; Aware</td>'
        "<td>Meds at 1.</td></tr></tbody></table></div>\n"
        "\n"
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Duties that start at Tech II">'
        '<table class="bht-table"><caption>Duties that start at Tech II</caption><thead>'
        '<tr><th scope="col">Responsibility</th><th scope="col">What it involves</th></tr></thead><tbody>'
        '<tr><th scope="row">Notes</th><td>Write notes.</td></tr></tbody></table></div>\n'
    ),
    "roles_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Roles that work alongside technicians">'
        '<table class="bht-table"><caption>Roles that work alongside technicians</caption><thead>'
        '<tr><th scope="col">Role</th><th scope="col">What they do</th><th scope="col">Focus</th>'
        '<th scope="col">Usual education</th><th scope="col">License</th></tr></thead><tbody>'
        '<tr><th scope="row">Nurse</th><td>Leads care.</td><td>Medical care</td><td>Nursing degree</td>'
        "<td>State license</td></tr>"
        '<tr><th scope="row">Aide</th><td>Helps.</td><td>—</td><td>—</td><td>—</td></tr></tbody></table>'
        "</div>\n"
    ),
    "settings_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Where technicians work">'
        '<table class="bht-table"><caption>Where technicians work</caption><thead>'
        '<tr><th scope="col">Setting</th><th scope="col">What it is like</th><th scope="col">Shifts</th>'
        '<th scope="col">Typical duties</th></tr></thead><tbody>'
        '<tr><th scope="row">Inpatient</th><td>Hospital unit.</td><td>Day and night.</td><td>Rounds'
        "<br>Groups</td></tr>"
        '<tr><th scope="row">School</th><td>Classrooms.</td><td>School days.</td>'
        "<td>&mdash;</td></tr></tbody></table></div>\n"
    ),
    "interventions_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Behavioral interventions and your part in them">'
        '<table class="bht-table"><caption>Behavioral interventions and your part in them</caption><thead>'
        '<tr><th scope="col">Intervention</th><th scope="col">What it is</th>'
        '<th scope="col">Who leads it</th><th scope="col">Your part</th></tr></thead><tbody>'
        '<tr><th scope="row">Praise</th><td>Reward it.</td><td>Team</td><td>Give praise.</td></tr>'
        '<tr><th scope="row">Hold</th><td>Last resort.</td><td>Nurse</td><td>Assist.<br>'
        '<small class="bht-scope">Only where your facility uses holds and trains technicians for them.</small></td></tr></tbody></table>'
        "</div>\n"
    ),
    "observation_levels_table": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Observation levels used at Test">'
        '<table class="bht-table"><caption>Observation levels used at Test</caption><thead>'
        '<tr><th scope="col">Observation level</th><th scope="col">What it means</th></tr></thead><tbody>'
        '<tr><th scope="row">Every 15 minutes</th><td>Seen every 15 minutes.</td></tr>'
        '<tr><th scope="row">One-to-one</th><td>Always with staff.</td></tr></tbody></table></div>\n'
    ),
    "proficiency_scale": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Proficiency scale">'
        '<table class="bht-table"><caption>Proficiency scale</caption><thead>'
        '<tr><th scope="col">Level</th><th scope="col">Name</th>'
        '<th scope="col">What it looks like</th></tr></thead><tbody>'
        '<tr><th scope="row">0</th><td>None</td><td>Not yet.</td></tr>'
        '<tr><th scope="row">1</th><td>Aware</td><td>Knows it.</td></tr>'
        '<tr><th scope="row">2</th><td>Helped</td><td>With help.</td></tr>'
        '<tr><th scope="row">3</th><td>Alone</td><td>On own.</td></tr>'
        '<tr><th scope="row">4</th><td>Teaches</td><td>Coaches.</td></tr></tbody></table></div>\n'
    ),
    "skill_list": (
        "### Calm {#skill-calm}\n"
        "\n"
        "<p>About calm.</p>\n"
        '<p class="bht-expected"><strong>Expected level:</strong> Tech I: 2, Tech II: 2</p>\n'
        "\n"
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Calm: levels">'
        '<table class="bht-table"><caption>Calm: levels</caption><thead>'
        '<tr><th scope="col">Level</th><th scope="col">Name</th>'
        '<th scope="col">What it looks like</th></tr></thead><tbody>'
        '<tr><th scope="row">0</th><td>None</td><td>Not yet.</td></tr>'
        '<tr><th scope="row">1</th><td>Aware</td><td>Calm at 1.</td></tr>'
        '<tr><th scope="row">2</th><td>Helped</td><td>Calm at 2.</td></tr>'
        '<tr><th scope="row">3</th><td>Alone</td><td>Calm at 3.</td></tr>'
        '<tr><th scope="row">4</th><td>Teaches</td><td>Calm at 4.</td></tr></tbody></table></div>\n'
    ),
    "skill_matrix": (
        '<div class="bht-scroll" role="region" tabindex="0" aria-label="Skill matrix: hard skills, expected level by role">'
        '<table class="bht-table bht-matrix">'
        "<caption>Skill matrix: hard skills, expected level by role</caption><thead>"
        '<tr><th scope="col">Skill</th><th scope="col">Tech I</th><th scope="col">Tech II</th></tr></thead>'
        "<tbody>"
        '<tr><th scope="row">Observe</th><td><span class="bht-level bht-level-2">2</span> Helped</td><td>'
        '<span class="bht-level bht-level-3">3</span> Alone</td></tr>'
        '<tr><th scope="row">Write</th><td><span class="bht-level bht-level-1">1</span> Aware</td><td>'
        '<span class="bht-level bht-level-3">3</span> Alone</td></tr>'
        '<tr><th scope="row">Meds</th><td><span class="bht-level bht-level-0">0</span> None</td><td>'
        '<span class="bht-level bht-level-1">1</span> Aware</td></tr></tbody></table></div>\n'
    ),
}


def test_the_tiny_handbook_passes_every_rule():
    assert rules.check(BOOK, date(2026, 12, 1)) == []


def test_every_render_call_has_an_expected_output():
    assert EXPECTED.keys() == RENDERS.keys()


@pytest.mark.parametrize("name", EXPECTED)
def test_renderer_output_is_exact(name):
    assert RENDERS[name](BOOK) == "".join(EXPECTED[name])


def test_every_renderer_has_an_exact_output_test():
    modules = (render_career, render_onboarding, render_reference, render_roles, render_scenarios, render_skills)
    public = {
        name
        for module in modules
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
    }
    helpers = {"requirements_cell", "outlook", "days", "patients", "scope_note", "levels_cell", "skill_names"}  # table parts
    helpers |= {"select_responsibilities", "select"}  # the filters the tables use
    helpers.add("abbreviation_titles")  # abbreviations' exact output prints every entry of it
    covered = {name for render in RENDERS.values() for name in render.__code__.co_names}
    assert public - helpers - covered == set()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: render_roles.responsibilities_table(BOOK, category="tertiary"), "unknown category 'tertiary'; valid values: primary"),
        (lambda: render_roles.responsibilities_table(BOOK, domain="nope"), "unknown domain 'nope'; valid ids: records, safety"),
        (lambda: render_roles.responsibilities_table(BOOK, role="nurse"), "unknown level 'nurse'; valid ids: t1, t2"),
        (lambda: render_roles.level_comparison(BOOK, "t1", "t9"), "unknown level 't9'; valid ids: t1, t2"),
        (lambda: render_skills.skill_matrix(BOOK, "medium"), "unknown skill kind 'medium'; valid values: hard, soft"),
        (lambda: render_career.career_paths_table(BOOK, "sideways"), "unknown path kind 'sideways'; valid values: entry, advancement"),
        (lambda: render_career.certifications_table(BOOK, "badge"), "unknown certification kind 'badge'"),
        (lambda: render_onboarding.onboarding_checklist(BOOK, "day-2"), "unknown phase 'day-2'; valid ids: day-1, week-1"),
        (lambda: render_reference.cite(BOOK, "nope", "sources.md"), "unknown source 'nope'; valid ids: src-a, src-b"),
    ],
)
def test_a_bad_argument_names_the_valid_choices(call, message):
    with pytest.raises(RenderError) as raised:
        call()
    assert str(raised.value).startswith(message)


def test_job_outlook_without_a_period_shows_no_empty_parentheses():
    assert render_career.outlook(3.5, "2024-34") == "+3.5% (2024-34)"
    assert render_career.outlook(-2.0, None) == "-2%"
    assert render_career.outlook(None, "2024-34") == "&mdash;"


def test_an_empty_selection_says_so_in_one_full_width_row():
    output = render_roles.responsibilities_table(BOOK, category="primary", domain="records", role="t1")
    assert '<tbody><tr><td colspan="4">Nothing to show for this selection.</td></tr></tbody>' in output
