"""What a file in content/assets/ may be: a picture or a document, never something that runs.

A script or a page placed there would be served from the site's own origin, where the policy's
`script-src 'self'` lets it run; an SVG opened directly is a document of that origin too, and may
carry script. So the loader refuses, with the file named: scripts and pages by their suffix, and
an SVG holding script, a foreign object, an event handler, a `javascript:`/`data:` link or any
reference outside itself. SVGs are read by lxml with entities left unresolved and no network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

# Suffixes a browser would run, or open as a page of the site's origin.
EXECUTABLE = frozenset({
    ".js", ".mjs", ".cjs", ".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz",
    ".swf", ".wasm", ".php", ".jsp", ".asp", ".aspx", ".cgi", ".hta", ".vbs", ".appcache", ".manifest",
})  # fmt: skip

_LINK_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
# Animations can set an attribute (a link's target, a handler) after the file is read.
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
_BANNED_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problem(data: bytes) -> tuple[int, str] | None:
    """(line, Vietnamese reason) an SVG may not be published, or None."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        return (e.lineno or 1), f"tệp SVG không đọc được ({e.msg})"
    if root is None:
        return 1, "tệp SVG rỗng"
    doc = root.getroottree().docinfo
    if doc.internalDTD is not None or doc.system_url or doc.public_id:
        return 1, "tệp SVG có khai báo DOCTYPE/thực thể (ENTITY): không được phép"
    if any(isinstance(e, etree._ProcessingInstruction) for e in root.itersiblings(preceding=True)):
        return 1, "tệp SVG có chỉ thị xử lý (<?...?>): không được phép"
    for element in root.iter():
        line = element.sourceline or 1
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            if isinstance(element, etree._ProcessingInstruction):
                return line, "tệp SVG có chỉ thị xử lý (<?...?>): không được phép"
            if isinstance(element, etree._Entity):
                return line, "tệp SVG có thực thể (&...;): không được phép"
            continue
        tag = _local(element.tag)
        if tag in _BANNED_ELEMENTS:
            return line, f"tệp SVG có thẻ <{tag}> (mã chạy được): không được phép"
        if tag in _ANIMATIONS:
            target = _local(element.get("attributeName", "")).lower()
            if target.startswith("on") or target in ("href", "src"):
                return line, f"tệp SVG có <{tag}> đổi thuộc tính `{target}`: không được phép"
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on"):
                return line, f"tệp SVG có thuộc tính sự kiện `{local}` (mã chạy được): không được phép"
            if name in _LINK_ATTRIBUTES or local == "href":
                target = "".join(c for c in value if c > " ").lower()
                if target and not target.startswith("#"):
                    return line, f"tệp SVG tham chiếu ra ngoài tệp (`{value[:60]}`): chỉ được trỏ tới '#...' trong chính tệp"
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                return line, "tệp SVG có url(...) trỏ ra ngoài tệp: không được phép"
        if tag == "style" and element.text and ("@import" in element.text or "url(" in element.text.replace("url(#", "")):
            return line, "tệp SVG có <style> tải tài nguyên ngoài: không được phép"
    return None


def asset_problem(path: Path) -> tuple[int, str] | None:
    """(line, Vietnamese reason) a file of content/assets/ may not be published, or None."""
    suffix = path.suffix.lower()
    if suffix in EXECUTABLE:
        return 1, f"tệp '{suffix}' trong assets/ không được phép (trang hoặc mã chạy được trên trang); chỉ ảnh, .css, .pdf, .docx"
    if suffix == ".svg":
        return svg_problem(path.read_bytes())
    return None
