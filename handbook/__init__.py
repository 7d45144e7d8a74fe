"""BHT Handbook's engine-free core: data in, escaped text out.

The stages, in the order data flows through them:

- ``model``: the typed records, the facility profile, and the collection table.
- ``load``: files to model (one reader, YAML with lines, overlays, rules, editions).
- ``render``: pure renderers, model in and escaped HTML or Markdown out, and the macro table.
- ``derive``: everything else computed from a loaded edition (differences, exports,
  review governance, search terms, site settings, JSON Schemas, language checks).
- ``cli``: ``python -m handbook`` (check, export, schema, review, language).

Nothing here imports a site engine, a template engine or a Markdown library; the glue
for MkDocs and Zensical lives in ``macros/``.
"""
