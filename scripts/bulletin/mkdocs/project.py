"""A project on disk: mkdocs.yml read with MkDocs' own machinery, turned into the core's plain data.

Every command that needs the organisation's settings starts here, so only this package reads MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

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


_PARSE_PREFIX = "MkDocs encountered an error parsing the configuration file: "


def read_config(config_file: str, **options: object) -> MkDocsConfig:
    """MkDocs' load_config, with a file MkDocs cannot even parse (an impossible date, see
    `yamldates`) reported in Vietnamese with the file's name instead of a traceback."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(config_file, **options)  # type: ignore[arg-type]
    except ConfigurationError as e:
        # Invalid options end in mkdocs' Abort (a SystemExit) after logging each error; this is
        # the file MkDocs could not parse at all.
        raise SystemExit(f"{config_file}: lỗi cấu hình: {str(e).removeprefix(_PARSE_PREFIX)}") from None


def open_project(config_file: str) -> Project:
    from bulletin.mkdocs.config import layout_of, settings_of

    cfg = read_config(config_file)
    plugin = cfg.plugins.get("bulletin")
    if plugin is None:
        raise SystemExit(f"{config_file}: chưa khai báo plugin 'bulletin' trong mục plugins")
    return Project(cfg, layout_of(plugin.config, cfg), settings_of(plugin.config, cfg))
