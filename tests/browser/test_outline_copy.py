"""A cell secretary takes an outline away: the library and an outline on desktop and phone,
and "Sao chép đề cương" puts the outline on the clipboard as rich text and as plain text,
both through the async Clipboard API and through the fallback an http intranet needs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import DESKTOP, PHONE, screenshot

OUTLINE = "chuyen-de/ho-chi-minh/hoc-tap-chi-thi-05-va-ket-luan-01/"
TITLE = "Học tập và làm theo Bác theo Chỉ thị 05 và Kết luận 01: từ bản đăng ký đến việc làm cụ thể"

# An http intranet is not a secure context: there, navigator.clipboard does not exist.
# The real one is kept aside so the test can read back what the page copied.
NO_CLIPBOARD_API = """
window.__clipboard = navigator.clipboard;
Object.defineProperty(Navigator.prototype, 'clipboard', { get: function () { return undefined; }, configurable: true });
"""

READ_CLIPBOARD = """async () => {
  const clip = window.__clipboard || navigator.clipboard;
  const items = await clip.read();
  const out = {};
  for (const type of items[0].types) out[type] = await (await items[0].getType(type)).text();
  return out;
}"""


@pytest.fixture(params=["clipboard-api", "fallback"])
def copier(request: pytest.FixtureRequest, browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    if request.param == "fallback":
        page.add_init_script(NO_CLIPBOARD_API)
    page.path = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def test_the_library_lists_every_theme_with_its_outlines(desktop: object, base_url: str) -> None:
    desktop.goto(base_url + "chuyen-de/")
    assert desktop.inner_text("h1") == "Thư viện đề cương sinh hoạt chuyên đề"
    themes = desktop.locator("article h2").all_inner_texts()
    assert themes[:3] == [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Dân vận khéo",
        "Phòng, chống tham nhũng, tiêu cực",
    ]
    cards = desktop.locator("li.bt-card")
    assert cards.count() >= 12
    first = cards.first.inner_text()
    assert "phút" in first and "Năm 20" in first and "chi bộ" in first and "Tải về (.docx)" in first
    screenshot(desktop, "outlines-library-desktop")


def test_the_library_and_an_outline_on_a_phone(phone: object, base_url: str) -> None:
    phone.goto(base_url + "chuyen-de/")
    assert phone.locator("li.bt-card").count() >= 12
    # Cards, not a wide table: nothing runs off the side of a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "outlines-library-phone")
    phone.goto(base_url + OUTLINE)
    copy = phone.get_by_role("button", name="Sao chép đề cương")
    assert copy.is_visible() and phone.get_by_role("link", name="Tải về (.docx)").is_visible()
    assert copy.bounding_box()["height"] >= 32  # type: ignore[index]  # a finger-sized target
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "outline-phone")


def test_an_outline_page_shows_tools_tags_and_backlinks(desktop: object, base_url: str) -> None:
    desktop.goto(base_url + OUTLINE)
    assert desktop.inner_text("h1") == TITLE
    assert desktop.get_by_role("button", name="Sao chép đề cương").is_visible()
    assert desktop.get_by_role("button", name="In đề cương").is_visible()
    tags = desktop.locator(".md-tags a.md-tag")
    assert "Chỉ thị 05" in tags.all_inner_texts()
    assert tags.first.get_attribute("href").startswith("../../tu-khoa/#tag:")  # type: ignore[union-attr]
    used = desktop.locator("#da-su-dung")
    assert used.is_visible()
    screenshot(desktop, "outline-desktop")
    download = desktop.get_by_role("link", name="Tải về (.docx)")
    with desktop.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "hoc-tap-chi-thi-05-va-ket-luan-01.docx"
    assert info.value.path().read_bytes()[:2] == b"PK"  # a zip: the Word document


def copy_outline(page: object) -> dict[str, str]:
    """Click the button, wait for the confirmation, read both formats back."""
    page.evaluate("(window.__clipboard || navigator.clipboard).writeText('nothing copied yet')")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sao chép đề cương").click()  # type: ignore[attr-defined]
    page.locator(".bt-copy-status").filter(has_text="Đã sao chép đề cương").wait_for(timeout=5000)  # type: ignore[attr-defined]
    return page.evaluate(READ_CLIPBOARD)  # type: ignore[attr-defined, no-any-return]


def test_the_copy_button_copies_rich_and_plain_text(copier: object, base_url: str) -> None:
    page = copier
    page.goto(base_url + OUTLINE)
    secure = page.evaluate("window.isSecureContext && !!navigator.clipboard")
    assert secure == (page.path == "clipboard-api")  # type: ignore[attr-defined]
    copied = copy_outline(page)
    html, text = copied["text/html"], copied["text/plain"]

    # Rich text: the structure Word and Writer turn into headings, lists and bold.
    assert f"<h1>{TITLE}</h1>" in html
    assert "<h2>I. Mục đích, yêu cầu</h2>" in html and "<h3>1. Từ Chỉ thị 05 đến Kết luận 01</h3>" in html
    assert html.count("<ol>") >= 3 and "<ul>" in html
    assert "<strong>Học tư tưởng:</strong>" in html
    assert "Chỉ thị số 05-CT/TW ngày 15/5/2016" in html  # the cited documents come along
    # Plain text: readable without markup, numbered and marked.
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert "I. Mục đích, yêu cầu" in lines
    assert any(line.startswith("1. Giúp đảng viên nắm vững") for line in lines)
    assert (
        "- Học tư tưởng: lấy dân làm gốc; mọi chủ trương, việc làm đều phải xuất phát từ lợi ích chính đáng của Nhân dân."
        in lines
    )
    assert "<" not in text
    # Neither the tools nor what follows the outline is part of it.
    for leftover in ("Sao chép đề cương", "Tải về", "In đề cương", "Đã sử dụng", "Giới thiệu trong bản tin"):
        assert leftover not in html and leftover not in text
    if page.path == "clipboard-api":  # type: ignore[attr-defined]
        screenshot(page, "outline-copied-desktop")


def test_plain_text_indents_nested_lists_and_quotes(copier: object, base_url: str) -> None:
    page = copier
    page.goto(base_url + OUTLINE)
    # An editor's outline may nest lists and quote: add both just before the end of the outline.
    page.evaluate(
        """document.querySelector('.bt-outline-end').insertAdjacentHTML('beforebegin',
        '<ol><li><p>Một việc</p><ul><li>ý <strong>a</strong></li><li>ý b</li></ul></li><li>Hai việc</li></ol>'
        + '<blockquote><p>Dân vận khéo thì việc gì cũng thành công.</p></blockquote>')"""
    )
    copied = copy_outline(page)
    tail = copied["text/plain"].rstrip("\n").splitlines()[-6:]
    assert tail == ["1. Một việc", "   - ý a", "   - ý b", "2. Hai việc", "", "    Dân vận khéo thì việc gì cũng thành công."]
    assert "<ul><li>ý <strong>a</strong></li><li>ý b</li></ul>" in copied["text/html"]
