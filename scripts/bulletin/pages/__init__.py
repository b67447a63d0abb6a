"""The site's generated pages as Markdown and HTML strings, and the URLs between them.
May import rules, data and text; never MkDocs."""
