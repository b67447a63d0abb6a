"""Nothing in content/assets/ runs in a reader's browser: scripts and pages are refused by their
suffix, and an SVG that could run (script, foreign object, handler, outside reference) is refused
with its file and line. Pictures and documents pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.data.assets import asset_problem, svg_problem
from crafted import Org

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">{}</svg>'

HOSTILE_SVGS = {
    "script": "<script>alert(1)</script>",
    "script-namespaced": '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>',
    "script-upper": "<SCRIPT>alert(1)</SCRIPT>",
    "foreign-object": '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>',
    "onload": '<rect width="1" height="1" onload="alert(1)"/>',
    "onclick-upper": '<rect width="1" height="1" ONCLICK="alert(1)"/>',
    "animate-href": '<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>',
    "set-handler": '<set attributeName="onmouseover" to="alert(1)"/>',
    "javascript-link": '<a href="javascript:alert(1)"><text>x</text></a>',
    "xlink-javascript": '<a xlink:href=" jav&#x09;ascript:alert(1)"><text>x</text></a>',
    "data-image": '<image href="data:image/svg+xml;base64,PHN2Zz4="/>',
    "outside-image": '<image xlink:href="https://evil.example/x.png"/>',
    "use-outside": '<use href="other.svg#x"/>',
    "style-import": "<style>@import url(https://evil.example/x.css);</style>",
    "fill-url": '<rect fill="url(https://evil.example/x)"/>',
    "iframe": '<iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/>',
}


@pytest.mark.parametrize("name", HOSTILE_SVGS)
def test_an_svg_that_could_run_or_reach_out_is_refused(name: str) -> None:
    problem = svg_problem(SVG.format(HOSTILE_SVGS[name]).encode())
    assert problem is not None and problem[0] >= 1 and "SVG" in problem[1], name


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
        b'<?xml-stylesheet href="evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<svg><unclosed></svg>",
        b"",
    ],
)
def test_entities_doctypes_stylesheets_and_broken_files_are_refused(data: bytes) -> None:
    assert svg_problem(data) is not None


def test_an_honest_svg_passes() -> None:
    honest = '<defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/>'
    honest += '<use href="#g"/><a href="#top"><text style="font-weight:bold">Chi bộ</text></a><title>Biểu đồ</title>'
    assert svg_problem(SVG.format(honest).encode()) is None


@pytest.mark.parametrize("name", ["x.js", "x.MJS", "x.cjs", "x.html", "x.HTM", "x.xhtml", "x.xml", "x.svgz", "x.wasm"])
def test_scripts_and_pages_are_refused_by_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("alert(1)")
    problem = asset_problem(path)
    assert problem is not None and "assets/" in problem[1]


def test_the_loader_names_every_hostile_asset_with_its_line(tmp_path: Path) -> None:
    org = Org(tmp_path)
    org.cell("a")
    org.write("content/assets/evil.js", "alert(1)")
    org.write("content/assets/trang.html", "<script>alert(1)</script>")
    org.write("content/assets/hinh/bieu-do.svg", SVG.format("\n\n<rect onload='alert(1)'/>"))
    org.write("content/assets/logo.svg", SVG.format("<rect width='1' height='1'/>"))
    org.write("content/assets/anh.png", b"\x89PNG\r\n\x1a\n")
    org.mkdocs_yml()
    found = org.problems()
    assert any(p.startswith("content/assets/evil.js:1: tệp '.js'") for p in found), found
    assert any(p.startswith("content/assets/trang.html:1: tệp '.html'") for p in found), found
    assert any(p.startswith("content/assets/hinh/bieu-do.svg:3: tệp SVG có thuộc tính sự kiện `onload`") for p in found)
    assert not any("logo.svg" in p or "anh.png" in p for p in found), found
