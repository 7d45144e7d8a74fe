"""The load cache (handbook/load/cache.py): same result as a fresh load, never hides a problem."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from handbook.load import cache
from handbook.load.edition import load_edition
from handbook.load.loader import HandbookDataError

EDITIONS = [None, ROOT / "examples" / "maple-grove", ROOT / "examples" / "sierra-pines"]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    cache.clear_memory()
    yield tmp_path / "cache"
    cache.clear_memory()


def stored(folder):
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.mark.parametrize("edition", EDITIONS, ids=["standard", "maple-grove", "sierra-pines"])
def test_a_cached_load_is_the_same_as_a_fresh_one(edition, own_cache, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    fresh = load_edition(ROOT, edition, ROOT / "docs").book
    assert stored(own_cache) == []
    monkeypatch.delenv(cache.CACHE_ENV)
    first = load_edition(ROOT, edition, ROOT / "docs").book  # a miss: stores it
    assert len(stored(own_cache)) == 1
    cache.clear_memory()
    from_disk = load_edition(ROOT, edition, ROOT / "docs").book
    again = load_edition(ROOT, edition, ROOT / "docs").book
    assert again is from_disk  # the same process keeps it in memory
    for book in (first, from_disk):
        assert book.model_dump() == fresh.model_dump()
        assert book.raw.model_dump() == fresh.raw.model_dump()  # what the differences page compares
        assert book.id_maps == fresh.id_maps


def copy_of(tmp_path, edition="sierra-pines"):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "examples" / edition, project / "facility")
    return project


def test_any_change_to_what_a_load_reads_is_a_new_load(tmp_path, own_cache):
    project = copy_of(tmp_path)
    folder = project / "facility"
    book = load_edition(project, folder).book
    profile = folder / "profile.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("name: Sierra Pines", "name: Cedar Pines", 1), encoding="utf-8")
    assert load_edition(project, folder).book.facility.name != book.facility.name
    ladder = folder / "overlays" / "ladder.yml"
    ladder.write_text(ladder.read_text(encoding="utf-8").replace("Psychiatric Technician Trainee", "Trainee Tech", 1), encoding="utf-8")
    assert "Trainee Tech" in {level.title for level in load_edition(project, folder).book.levels}
    assert load_edition(project, folder, when=book_day(book)).book is not None
    assert len(stored(own_cache)) == 4


def book_day(book):
    from datetime import date

    return date(2030, 1, 1)


def test_a_load_with_problems_is_never_stored_and_always_reported(tmp_path, own_cache):
    project = copy_of(tmp_path)
    folder = project / "facility"
    skills = project / "data" / "skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(HandbookDataError, match="unknown top-level key"):
            load_edition(project, folder)
    assert stored(own_cache) == []


def test_a_logo_removed_after_a_good_load_is_still_an_error(tmp_path, own_cache):
    project = copy_of(tmp_path)
    folder = project / "facility"
    load_edition(project, folder)
    (folder / "logo.png").unlink()
    with pytest.raises(HandbookDataError, match="logo file 'logo.png' not found next to the profile"):
        load_edition(project, folder)
    cache.clear_memory()
    with pytest.raises(HandbookDataError, match="logo file 'logo.png' not found"):
        load_edition(project, folder)


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path, own_cache):
    project = copy_of(tmp_path)
    folder = project / "facility"
    expected = load_edition(project, folder).book.model_dump()
    [file] = stored(own_cache)
    for damage in ('{}\n{"levels": 3}', "not json at all", ""):
        file.write_text(damage, encoding="utf-8")
        cache.clear_memory()
        assert load_edition(project, folder).book.model_dump() == expected
        assert file.read_text(encoding="utf-8").startswith("{")  # rewritten by the fresh load
        assert file.stat().st_size > 1000


def test_turned_off_it_stores_nothing(tmp_path, own_cache, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    project = copy_of(tmp_path)
    load_edition(project, project / "facility")
    load_edition(project, project / "facility")
    assert stored(own_cache) == []


def test_compiled_pages_are_kept_and_a_damaged_file_is_compiled_again(own_cache):
    from macros import sandbox

    env = sandbox.make_environment()
    source = "Hello {{ name }} {% for i in range(2) %}{{ i }}{% endfor %}\n"
    assert sandbox.render_page(env, source, {"name": "<b>"}) == "Hello &#60;b&#62; 01\n"
    stored_pages = sorted((own_cache / "pages").iterdir())
    assert len(stored_pages) == 1
    for damage in (b"", b"not a code object", b"\x00" * 64):
        stored_pages[0].write_bytes(damage)
        sandbox._COMPILED.clear()
        assert sandbox.render_page(env, source, {"name": "x"}) == "Hello x 01\n"
    sandbox._COMPILED.clear()
    with pytest.raises(sandbox.PageError, match="blocked by the page sandbox"):
        sandbox.render_page(env, "{{ ''.__class__ }}", {})  # compiled code still runs in the sandbox


def test_the_page_cache_is_off_with_the_load_cache(own_cache, monkeypatch):
    from macros import sandbox

    monkeypatch.setenv(cache.CACHE_ENV, "off")
    sandbox._COMPILED.clear()
    assert sandbox.render_page(sandbox.make_environment(), "{{ 1 + 1 }}", {}) == "2"
    assert not (own_cache / "pages").exists()
