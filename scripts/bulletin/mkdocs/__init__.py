"""The adapter to MkDocs: the plugin, its config, the staged build and what exists only for MkDocs' sake.
The only package that imports mkdocs; may import every core package below it."""

from bulletin.mkdocs import yamldates

yamldates.install()
