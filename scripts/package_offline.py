#!/usr/bin/env python3
"""Zip a built offline site into one download: ``package_offline.py SITE_DIR OUT.zip``.

Everything sits under one folder (bht-handbook/) so unzipping never scatters files.
Source maps and search language packs the index does not use are left out: they
only make the download bigger for someone on a slow connection, and so is 404.html,
which only a web server shows. Entries are sorted and dated from SOURCE_DATE_EPOCH (or 1980-01-01), so the same
site gives the same zip, byte for byte.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path

TOP = "bht-handbook"
README = """BHT Handbook, offline copy

Open bht-handbook/index.html in any web browser. Every page and the search work
with no internet connection. Keep the folder together: the pages need the files
next to them.
"""


def _keep(site: Path, path: Path) -> bool:
    if not path.is_file() or path.suffix == ".map" or path.relative_to(site).as_posix() == "404.html":
        return False
    languages = site / "assets" / "javascripts" / "lunr"
    if languages in path.parents:
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return index["config"]["lang"] != ["en"]  # English needs no language pack
    return True


def package(site: Path, out: Path) -> Path:
    if not (site / "index.html").is_file() or not (site / "search" / "search_index.js").is_file():
        raise SystemExit(f"{site} is not an offline build (run: BHT_OFFLINE=true mkdocs build)")
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")))[:6]
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        entries = [("README.txt", README.encode("utf-8"))]
        entries += [(f"{TOP}/{p.relative_to(site).as_posix()}", p.read_bytes()) for p in sorted(site.rglob("*")) if _keep(site, p)]
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    partial.replace(out)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: package_offline.py SITE_DIR OUT.zip")
    path = package(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{path}: {path.stat().st_size / 1024 / 1024:.1f} MB")
