"""One reader for every file the build and the command line read.

Data files, the facility profile, overlays, pages and facility pages (and so their
front matter) all come through ``read_text``, so each has the same guarantees: a file
that is missing, unreadable, too large or not UTF-8 gives one ``file:line: (file):
message`` line instead of a traceback, and a huge file is refused before it is read,
so a mistake cannot make a build hang or eat memory.
"""

from __future__ import annotations

from pathlib import Path

# Far above any real file: the largest data file is about 40 KB and the longest page
# about 30 KB; a handbook with a hundred times today's data (make bench) stays under it.
# A file over this is a mistake (a pasted export, a binary), not content.
MAX_FILE_BYTES = 8 * 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be read as text; ``str()`` is the one-line message."""

    def __init__(self, label: str, line: int, message: str):
        super().__init__(f"{label}:{line}: (file): {message}")
        self.label, self.line, self.message = label, line, message


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


def read_text(path: Path, label: str, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text (a leading byte-order mark removed), or ``FileProblem``.

    ``label`` is the file as contributors know it (``data/skills.yml``), for messages.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileProblem(label, 1, "file not found") from None
    except OSError as error:
        raise FileProblem(label, 1, f"cannot read the file ({error.strerror or error})") from None
    if not path.is_file():
        raise FileProblem(label, 1, "not a file")
    if size > limit:
        raise FileProblem(
            label,
            1,
            f"the file is too large ({_size_text(size)}; the limit is {_size_text(limit)} per file). "
            "Split it into smaller files, or check that it is the file you meant",
        )
    try:
        raw = path.read_bytes()
    except OSError as error:  # permissions, a disk error
        raise FileProblem(label, 1, f"cannot read the file ({error.strerror or error})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, start) + 1
        raise FileProblem(label, line, f"not UTF-8 text ({error.reason} at byte {start}); save the file as UTF-8") from None
