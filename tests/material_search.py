"""Material for MkDocs' site search, replayed in Python over a built search_index.json.

Material (9.x) searches in a web worker with lunr.js. This module repeats its steps
with lunr.py, the Python port of lunr.js, so search ranking can be tested without
a browser:

- index: fields and boosts from the index's own ``config`` (title 1e3, text 1, tags
  1e6), ``b(0)``, tokens split on ``config.separator`` after markup is removed,
  lower-cased, and only the pipeline functions the config names (``stopWordFilter``);
  each document's ``boost``, if any, is its document boost;
- query: Material's ``transformSearchQuery`` (quoted phrases, a trailing wildcard on
  every term, terms split on the separator);
- ranking: lunr's score, times ``1 + boost**2`` where boost is 1 for a page's main
  entry plus the share of query terms the entry matched; then entries are grouped
  by page in order of their best score. The result is the list of pages a reader
  sees, best first.

Checked by hand against Material 9.8.1 in Chromium on the full handbook: the same
pages in the same order for twelve queries (MHT, psych tech, CPI, q15, de-escalation,
MAR, 1:1, restraint, medication, checklist, documentation, safety plan). A
real-browser search test (another suite) checks the same promise end to end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lunr.builder import Builder
from lunr.query import QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser
from lunr.stop_word_filter import stop_word_filter

_TAG = re.compile(r"<[^>]*>")


def _split(value: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """Ranges of ``value`` between separator matches (Material's ``split``)."""
    ranges, start = [], 0
    for match in separator.finditer(value):
        if match.start() > start:
            ranges.append((start, match.start()))
        start = match.end()
    if start < len(value):
        ranges.append((start, len(value)))
    return ranges


def transform_query(query: str, separator: re.Pattern) -> str:
    """Material's ``transformSearchQuery``: phrases, term splitting, trailing wildcards."""
    parts = re.split(r'"([^"]+)"', query.strip())
    query = "".join(re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", p) if i & 1 else p for i, p in enumerate(parts))
    query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
    terms: list[str] = []
    for part in re.split(r"\s+", query):
        found: list[str] = []
        lexer = QueryLexer(part)
        lexer.run()
        for lexeme in lexer.lexemes:
            if lexeme["type"] == QueryLexer.FIELD and lexeme["string"] not in ("title", "text", "tags"):
                end = lexeme["end"]
                part = part[:end] + " " + part[end + 1:]
            elif lexeme["type"] == QueryLexer.TERM:
                term, start, end = lexeme["string"], lexeme["start"], lexeme["end"]
                for a, b in _split(term, separator):
                    found.append(part[:start] + term[a:b] + part[end:])
        terms.extend(found)
    terms = [f"{t}1" if re.search(r"[~^]$", t) else t for t in terms]
    terms = [t if re.search(r"(^[+-]|[~^]\d+$)", t) else f"{t}*" for t in terms]
    return " ".join(terms)


class MaterialSearch:
    def __init__(self, index_file: Path):
        data = json.loads(Path(index_file).read_text(encoding="utf-8"))
        config = data["config"]
        self.separator = re.compile(config["separator"])
        self.docs = {doc["location"]: doc for doc in data["docs"]}
        self.parent: dict[str, str] = {}
        for doc in data["docs"]:
            path = doc["location"].split("#")[0]
            if path != doc["location"] and path in self.docs:
                self.parent[doc["location"]] = path
        builder = Builder()
        if "stopWordFilter" in config["pipeline"]:
            builder.pipeline.add(stop_word_filter)
        builder.ref("location")
        builder.b(0)
        for name, spec in config["fields"].items():
            builder.field(name, boost=spec.get("boost", 1), extractor=self._extractor(name))
        for doc in data["docs"]:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else None)
        self.index = builder.build()

    def _extractor(self, name: str):
        def extract(doc: dict) -> str | None:
            value = doc.get(name)
            if value is None:
                return None
            values = value if isinstance(value, list) else [value]
            # Material's tokenizer splits on the configured separator, treats markup
            # as a boundary, and lower-cases; lunr.py splits on whitespace and '-'.
            words = []
            for text in values:
                for block in _TAG.split(str(text)):
                    words += [block[a:b] for a, b in _split(block, self.separator)]
            return " ".join(words)

        return extract

    def search(self, query: str) -> list[str]:
        """Page locations in the order Material lists them."""
        transformed = transform_query(query, self.separator)
        if not transformed:
            return []
        probe = self.index.create_query()
        QueryParser(transformed, probe).parse()
        clauses = [c for c in probe.clauses if c.presence != QueryPresence.PROHIBITED]
        for clause in clauses:
            clause.term = clause.term.strip("*")
        scored = []
        for result in self.index.search(transformed):
            ref, matched = result["ref"], list(result["match_data"].metadata)
            terms: dict[str, bool] = {}
            pending = list(dict.fromkeys(c.term for c in clauses))
            for word in matched:
                for term in list(pending):
                    if word.startswith(term):
                        terms[term] = True
                        pending.remove(term)
            for term in pending:
                if stop_word_filter(term):  # a stop word that did not match is not counted
                    terms[term] = False
            share = sum(terms.values()) / len(terms) if terms else 0
            boost = (0 if ref in self.parent else 1) + share
            scored.append((result["score"] * (1 + boost**2), ref))
        scored.sort(key=lambda item: -item[0])
        pages: dict[str, None] = {}
        for _, ref in scored:
            pages.setdefault(self.parent.get(ref, ref), None)
        return list(pages)
