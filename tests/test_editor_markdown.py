"""Editor Markdown (outlines, bulletins, notes) becomes HTML that cannot run, whatever the trick,
and honest Markdown keeps its meaning. Output is parsed (tests/scan.py), never grepped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.pages.html import editor_body
from bulletin.text.markdown import EditorMarkdown, Heading, clean_page, is_local
from hostile import MARKDOWN_PAYLOADS, TEXT_PAYLOADS
from scan import live_markup

RENDER = EditorMarkdown()
NOTES = EditorMarkdown(images=False)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def hrefs(html: str) -> list[str | None]:
    return [attrs.get("href") for tag, attrs in elements(html) if tag == "a"]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS + TEXT_PAYLOADS)
def test_no_payload_comes_alive_on_a_page_in_notes_or_in_the_docx_tree(payload: str) -> None:
    assert live_markup(RENDER(payload)) == []
    assert live_markup(NOTES(payload)) == []
    body = editor_body(RENDER.blocks(payload))  # what a page hands to MkDocs
    assert live_markup(body) == []
    tree = NOTES.tree(payload)
    for el in tree.iter():
        assert not any(name.startswith("on") for name in el.attrib), el.attrib
        assert el.tag not in ("script", "iframe", "img", "svg", "object", "embed", "form")


# Where an editor's payload can sit: the nesting and the line breaks a line scanner gets wrong.
_WRAPPERS = [
    "{}",
    "> {}",
    "- {}",
    "1. item\n\n    {}",
    "> - > {}",
    "!!! note\n    {}",
    '??? warning "x"\n    {}',
    "text\n{}",
    "```\n```\n{}",
    "~~~\n```\n~~~\n{}",
    "````\n```\n````\n{}",
]
_TARGETS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript&#58;alert(1)",
    "&#x6A;&#X61;vascript:alert(1)",
    "java\tscript:alert(1)",
    "\njavascript:alert(1)",
    " \n  vbscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "<javascript:alert(1)>",
    "&#0000106;avascript:alert(1)",
]
_IMAGES = [
    "http://evil.example/pwn.png",
    "//evil.example/pwn.png",
    "\\\\evil.example/pwn.png",
    "/\\evil.example/pwn.png",
    "\nhttps://evil.example/pwn.png",
    "HTTP://evil.example/pwn.png",
    " \t//evil.example/pwn.png",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wrapper=st.sampled_from(_WRAPPERS),
    target=st.sampled_from(_TARGETS),
    image=st.sampled_from(_IMAGES),
    form=st.sampled_from(["inline", "reference", "reference-next-line", "image", "image-reference", "autolink"]),
)
def test_link_and_image_targets_in_any_nesting_never_come_alive(wrapper: str, target: str, image: str, form: str) -> None:
    inner = {
        "inline": f"[a]({target})",
        "reference": f"[a][r]\n\n[r]: {target}",
        "reference-next-line": f"[a][r]\n\n[r]:\n    {target}",
        "image": f"![a]({image})",
        "image-reference": f"![a][r]\n\n[r]: {image}",
        "autolink": f"<{target}>",
    }[form]
    text = wrapper.format(inner.replace("\n", "\n" + " " * (len(wrapper) - len(wrapper.lstrip("> -1.!?")))))
    for html in (RENDER(text), NOTES(text), editor_body(RENDER.blocks(text))):
        assert live_markup(html) == [], (text, html)


@given(st.text(alphabet="[]()!<>&#;:/\\`~*_-> \n\tjavascript", max_size=200))
@settings(max_examples=300, deadline=None)
def test_random_markup_soup_never_comes_alive(text: str) -> None:
    assert live_markup(RENDER(text)) == []


def test_honest_markdown_keeps_its_meaning() -> None:
    text = (
        "Đoạn có **đậm**, *nghiêng*, `mã` và [liên kết](https://thuvienphapluat.vn/), "
        "[thư](mailto:vp@example.vn), [tương đối](../dan-van-kheo/) và [neo](#muc-2).\n\n"
        "![Ảnh nội bộ](../../assets/anh.png)\n\n"
        "> Trích dẫn\n\n"
        "1. Một\n2. Hai\n    - con\n\n"
        '!!! note "Lưu ý"\n    Nội dung lưu ý.\n\n'
        "```\n<b>mã giữ nguyên</b>\n```\n"
    )
    html = RENDER(text)
    tags = [tag for tag, _ in elements(html)]
    for tag in ("strong", "em", "code", "blockquote", "ol", "ul", "pre", "img"):
        assert tag in tags, tag
    assert hrefs(html) == ["https://thuvienphapluat.vn/", "mailto:vp@example.vn", "../dan-van-kheo/", "#muc-2"]
    assert ("img", {"alt": "Ảnh nội bộ", "src": "../../assets/anh.png"}) in elements(html)
    assert ("div", {"class": "admonition note"}) in elements(html)
    assert "&lt;b&gt;mã giữ nguyên&lt;/b&gt;" in html  # code shows the HTML as text


def test_an_outside_image_becomes_a_plain_link_to_it_and_notes_keep_only_its_words() -> None:
    html = RENDER("Xem ![sơ đồ](https://example.vn/so-do.png) nhé")
    assert [tag for tag, _ in elements(html)] == ["p", "a"]
    assert hrefs(html) == ["https://example.vn/so-do.png"]
    assert NOTES("Xem ![sơ đồ](https://example.vn/so-do.png) và ![b](b.png)") == "<p>Xem <span>sơ đồ</span> và <span>b</span></p>"


def test_disarmed_links_keep_their_words() -> None:
    html = RENDER("[bấm vào đây](javascript:alert(1))")
    assert [tag for tag, _ in elements(html)] == ["p", "a"]
    assert hrefs(html) == [None]
    assert "bấm vào đây" in html


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("anh.png", True),
        ("../../assets/anh.png", True),
        ("/assets/a.png", True),
        ("a.png?x=1:2", True),
        ("//evil.example/a.png", False),
        ("\\\\evil.example/a.png", False),
        ("/\\evil.example/a.png", False),
        (" \t//evil.example/a.png", False),
        ("http://a/b.png", False),
        ("HTTPS://a/b.png", False),
        ("data:image/png;base64,AAAA", False),
        ("file:///etc/passwd", False),
        ("java\nscript:alert(1)", False),
    ],
)
def test_only_paths_on_the_site_count_as_local(url: str, local: bool) -> None:
    assert is_local(url) is local


def test_top_level_headings_go_to_the_site_as_plain_markdown_headings() -> None:
    blocks = RENDER.blocks("## I. Mục *đích* {: onclick=alert(1) }\n\nĐoạn.\n\n> ## trong trích dẫn\n\n### 2. `Mã` <b>x</b>")
    assert blocks[0] == Heading(2, "I. Mục đích {: onclick=alert(1) }")
    assert blocks[2] == Heading(3, "2. Mã <b>x</b>")
    body = editor_body(blocks)
    assert body.startswith("## I\\. Mục đích \\{: onclick=alert\\(1\\) \\}\n")  # shown literally, never an attribute list
    assert "### 2\\. Mã &lt;b&gt;x&lt;/b&gt;" in body
    assert live_markup(body) == []


# Hand-written pages: MkDocs renders them with raw HTML and the site's extensions (mkdocs.yml).
def _page_markdown() -> object:
    import markdown
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs, output_format="html")


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS + TEXT_PAYLOADS + [
    "<script>alert(1)</script>", '<script src="assets/evil.js"></script>', "Đoạn\n{: onclick=\"alert(1)\" }",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button formaction="https://e/">x</button></form>',
    '<iframe src="https://evil.example/"></iframe>', '<object data="x.swf"></object>', '<embed src="x.swf">',
    '<a href="jav&#x09;ascript:alert(1)">x</a>', "<svg><script>alert(1)</script></svg>", "<style>*{}</style>",
])  # fmt: skip
def test_a_hand_written_page_with_raw_html_on_keeps_nothing_that_runs(payload: str) -> None:
    md = _page_markdown()
    html = clean_page(md.convert(payload))  # type: ignore[attr-defined]
    assert live_markup(html) == []
    tags = {tag for tag, _ in elements(html)}
    assert not tags & {"script", "meta", "base", "form", "button", "iframe", "object", "embed", "style", "svg"}


@pytest.mark.parametrize("name", ["index.md", "huong-dan.md", "huong-dan-nhap-lieu.md"])
def test_the_sample_hand_written_pages_come_out_of_the_allow_list_unchanged(name: str) -> None:
    md = _page_markdown()
    text = (ROOT / "content" / name).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    html = md.convert(text)  # type: ignore[attr-defined]
    assert elements(clean_page(html)) == elements(html)
