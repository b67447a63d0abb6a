"""Every link of every page resolves, in the served site and in the copy opened from file://.

The offline copy (`make site-offline`) writes pages as files (chi-bo/x.html): a link to a folder
there opens a folder listing or "file not found", never the page. The browser walk from file://
is tests/browser/test_readers.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bulletin.deploy.sitecheck import check_site, internal_links

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from browsing import build_sample


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("links")
    return {
        "site": build_sample(root / "site"),
        "offline": build_sample(root / "offline", env={"BULLETIN_OFFLINE": "true"}),
    }


def _links(site: Path) -> int:
    return sum(len(internal_links(p.read_text(encoding="utf-8"))) for p in site.rglob("*.html"))


def test_every_href_and_src_of_the_served_site_resolves(sites: dict[str, Path]) -> None:
    assert check_site(sites["site"]) == []
    assert _links(sites["site"]) > 4000  # the walk saw the whole site, not an empty folder


def test_every_href_and_src_of_the_offline_copy_names_a_file(sites: dict[str, Path]) -> None:
    offline = sites["offline"]
    assert (offline / "chi-bo/so-tu-phap.html").is_file() and not (offline / "chi-bo/so-tu-phap").exists()
    assert check_site(offline, file_urls=True) == []
    assert _links(offline) > 4000


@pytest.mark.parametrize(
    "page",
    ["chi-bo/index.html", "ban-tin/index.html", "chuyen-de/index.html", "tong-hop/index.html", "tong-hop/2025/index.html"],
)
def test_the_offline_indexes_link_pages_not_folders(sites: dict[str, Path], page: str) -> None:
    html = (sites["offline"] / page).read_text(encoding="utf-8")
    folders = [href for href in internal_links(html) if re.search(r"(^|/)[^/.#?]+/?(#|$)", href.split("?")[0])]
    assert folders == []


def test_a_folder_is_not_a_page_from_file_urls(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="a/index.html">a</a>', encoding="utf-8")
    assert check_site(tmp_path) == []
    assert check_site(tmp_path, file_urls=True) == ["index.html: liên kết tới 'a/' không có trong bản xuất bản"]


def test_the_offline_404_page_finds_its_styles_and_links_from_a_usb_stick(sites: dict[str, Path]) -> None:
    """MkDocs writes the 404 page's links from the server's root ("/assets/…"): from file:// that is
    the disk's root. The offline copy's 404 page (at the top of the copy) links relatively, and every
    link names a file there; the served site's keeps its root links, right at any depth of a URL."""
    offline = sites["offline"] / "404.html"
    links = internal_links(offline.read_text(encoding="utf-8"))
    assert links and not [href for href in links if href.startswith("/")]
    stylesheets = [h for h in links if h.endswith(".css")]
    assert stylesheets and all((sites["offline"] / h.split("?")[0]).is_file() for h in stylesheets)
    assert '"base": "."' in offline.read_text(encoding="utf-8")  # search finds its index beside the page
    assert any(href.startswith("/") for href in internal_links((sites["site"] / "404.html").read_text(encoding="utf-8")))


def test_the_policy_scan_reads_every_sample_page_as_html_parser_does(sites: dict[str, Path]) -> None:
    # Here because these are the sample builds at hand (served and file://); the rest of the
    # policy's tests are tests/test_csp_build.py.
    from test_csp_build import assert_scan_agrees_with_the_parser

    for site in sites.values():
        assert_scan_agrees_with_the_parser(sorted(site.rglob("*.html")))
