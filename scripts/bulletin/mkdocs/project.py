"""A project on disk: mkdocs.yml read with MkDocs' own machinery, turned into the core's plain data.

Every command that needs the organisation's settings starts here, so only this package reads MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.custody import Guarded
from bulletin.data.load import Layout
from bulletin.data.settings import Settings


@dataclass(frozen=True)
class Project:
    config: MkDocsConfig
    layout: Layout
    settings: Settings

    @property
    def base_path(self) -> str:
        """Where the site lives on its server (the path of site_url), for absolute links and the sitemap."""
        url = self.config.site_url
        return (urlsplit(url).path or "/") if url else "/"

    @property
    def guarded(self) -> Guarded:
        """What no output folder may be, contain or lie inside: the data, the docs and the project."""
        return guarded_of(self.config, self.layout)


def guarded_of(config: MkDocsConfig, layout: Layout) -> Guarded:
    return Guarded.of(layout.root, layout.content, layout.topics, Path(config.docs_dir), layout.root / ".cache")


def project_root(config_file: str) -> Path:
    """The folder of mkdocs.yml, where the data lock lives (found without reading the config)."""
    return Path(config_file).resolve().parent


def open_project(config_file: str) -> Project:
    from mkdocs.config import load_config

    from bulletin.mkdocs.config import layout_of, settings_of

    cfg = load_config(config_file)
    plugin = cfg.plugins.get("bulletin")
    if plugin is None:
        raise SystemExit(f"{config_file}: chưa khai báo plugin 'bulletin' trong mục plugins")
    return Project(cfg, layout_of(plugin.config, cfg), settings_of(plugin.config, cfg))
