"""The sample site opens in a real browser, on a desktop and a phone, with nothing from outside."""

from __future__ import annotations

from browsing import screenshot


def test_home_and_overview_open_without_outside_requests(desktop: object, base_url: str) -> None:
    outside: list[str] = []
    desktop.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    desktop.goto(base_url + "tong-hop/")
    assert "Tổng hợp sinh hoạt chi bộ" in desktop.inner_text("h1")
    screenshot(desktop, "smoke-overview-desktop")
    assert outside == []


def test_a_cell_page_on_a_phone(phone: object, base_url: str) -> None:
    phone.goto(base_url + "chi-bo/phong-nghiep-vu-y/")
    assert "Chi bộ Phòng Nghiệp vụ Y" in phone.inner_text("h1")
    screenshot(phone, "smoke-cell-phone")
