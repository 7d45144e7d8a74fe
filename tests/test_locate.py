"""Locations and pydantic errors become short, plain ``field: message`` text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from tinybook import tiny_data

from handbook.load.locate import allowed_fields, describe_error, format_field
from handbook.model.handbook import Handbook


@pytest.mark.parametrize(
    "path, expected",
    [
        ((), ""),
        (("skills",), "skills"),
        (("skills", 3, "levels"), "skills[3].levels"),
        (("skills", 0, "levels", 5, "[key]"), "skills[0].levels[5]"),
        (("matrix", 0, "expected", "bht-1"), "matrix[0].expected.bht-1"),
        (("scope", "restraint", "used"), "scope.restraint.used"),
        ((0, "id"), "[0].id"),
        (("a", "(key)"), "a"),
        (("paths", 2, "requirements", "skill_gates", 0, "skill"), "paths[2].requirements.skill_gates[0].skill"),
    ],
)
def test_format_field(path, expected):
    assert format_field(path) == expected


@pytest.mark.parametrize(
    "loc, expected",
    [
        (("paths", 0), ["id", "from", "to", "kind", "summary", "requirements"]),
        (("paths", 0, "requirements"), ["education", "certifications", "experience_months", "skill_gates", "notes"]),
        (("paths", 0, "requirements", "skill_gates", 1), ["skill", "level"]),
        (("facility", "scope", "restraint"), ["used", "bht_participates"]),
        (("facility", "pay_bands", 0), ["level", "hourly_min", "hourly_max"]),
        (("matrix", 0), ["skill", "expected"]),
        (("skills", 0, "levels"), []),  # a mapping of level to text: any key is data, not a field
        (("nothing-here",), []),
        (("skills", 0, "name", "deeper"), []),
    ],
)
def test_allowed_fields_walks_the_model_using_yaml_names(loc, expected):
    assert allowed_fields(loc) == expected


def item(kind: str, loc: tuple, msg: str = "", value: object = None) -> tuple[dict, tuple]:
    return {"type": kind, "loc": loc, "msg": msg, "input": value}, loc


@pytest.mark.parametrize(
    "error, expected",
    [
        (item("missing", ("skills", 0, "kind")), "missing required field 'kind'"),
        (item("extra_forbidden", ("skills", 0, "sumary")), "unknown field 'sumary'; did you mean 'summary'?"),
        (item("extra_forbidden", ("paths", 0, "frm")), "unknown field 'frm'; did you mean 'from'?"),
        (item("extra_forbidden", ("matrix", 0, "zzz")), "unknown field 'zzz'; allowed fields: skill, expected"),
        (item("extra_forbidden", ("facility", "scope", "restraint", "use")), "unknown field 'use'; did you mean 'used'?"),
        (item("extra_forbidden", ("skills", 0, "levels", "x")), "unknown field 'x'"),
        (item("value_error", ("facility", "state"), "Value error, 'ZZ' is not a US state", "ZZ"), "'ZZ' is not a US state (found 'ZZ')"),
        (
            item("string_type", ("skills", 0, "name"), "Input should be a valid string", {"a": 1}),
            "Input should be a valid string (found a mapping)",
        ),
        (
            item("string_type", ("skills", 0, "name"), "Input should be a valid string", [1]),
            "Input should be a valid string (found a list)",
        ),
        (item("int_type", ("levels", 0, "rank"), "Input should be a valid integer", None), "Input should be a valid integer (found None)"),
        (
            item("string_too_long", ("x",), "String should have at most 60 characters", "y" * 80),
            "String should have at most 60 characters (found '" + "y" * 56 + "...)",
        ),
    ],
)
def test_describe_error(error, expected):
    assert describe_error(*error) == expected


def test_describe_error_reads_real_pydantic_errors():
    data = tiny_data()
    data["skills"][0]["kind"] = "medium"
    data["levels"][0]["rank"] = "first"
    data["paths"][0]["requirements"]["certificatons"] = []
    del data["domains"][0]["name"]
    with pytest.raises(ValidationError) as raised:
        Handbook.model_validate(data)
    described = {format_field(tuple(e["loc"])): describe_error(e, tuple(e["loc"])) for e in raised.value.errors(include_url=False)}
    assert described == {
        "levels[0].rank": "Input should be a valid integer (found 'first')",
        "domains[0].name": "missing required field 'name'",
        "skills[0].kind": "Input should be 'hard' or 'soft' (found 'medium')",
        "paths[0].requirements.certificatons": "unknown field 'certificatons'; did you mean 'certifications'?",
    }
