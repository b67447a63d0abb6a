"""Everything else the core writes from the same data: feed, print edition, .docx, exports, search entries,
and `site`, which gathers every generated file. May import pages and below; never MkDocs."""
