"""The link checker that runs after every build, on a small hand-made site."""

from __future__ import annotations

from pathlib import Path

from handbook.derive.linkcheck import broken_links


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


def test_good_links_anchors_and_assets_pass(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="role/">Role</a><a href="role/#duties">Duties</a>'
            '<link rel="stylesheet" href="assets/site.css"><img src="assets/logo.png" alt="">'
            "<a href='#top' id=top>Top</a><a href=\"role/index.html#a&amp;b\">x</a>",
            "role/index.html": '<h2 id="duties">Duties</h2><span id="a&amp;b"></span><a href="../">Home</a>',
            "assets/site.css": "",
            "assets/logo.png": "",
        },
    )
    assert broken_links(site) == []


def test_every_kind_of_broken_link_is_named(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="missing/">Gone</a>\n<a href="role/#nowhere">Bad anchor</a>'
            '<img src="../outside.png"><script src="assets/app.js"></script>',
            "role/index.html": '<h2 id="duties">Duties</h2>',
        },
    )
    assert broken_links(site) == [
        "index.html: missing/: no such page or file",
        "index.html: role/#nowhere: no anchor #nowhere on that page",
        "index.html: ../outside.png: points outside the site",
        "index.html: assets/app.js: no such page or file",
    ]


def test_other_origins_and_text_inside_scripts_and_comments_are_ignored(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="https://example.org/x">out</a><a href="mailto:a@example.org">mail</a>'
            '<script>var s = \'<a href="nope/">\';</script><style>a[href="nope/"]{}</style>'
            '<!-- <a href="old/">old</a> --><pre>&lt;a href="text/"&gt;</pre>'
            '<img src="data:image/png;base64,AAAA"><a href="//cdn.example.org/x.js">cdn</a>',
            "404.html": '<a href="broken/">served anywhere, so not checked</a>',
        },
    )
    assert broken_links(site) == []


def test_an_id_on_any_element_is_an_anchor_but_a_name_attribute_is_not(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="#row-3">row</a><a href="#named">named</a>'
            '<table><tr id="row-3"><td>3</td></tr></table><a name="named"></a>',
        },
    )
    assert broken_links(site) == ["index.html: #named: no anchor #named on that page"]
