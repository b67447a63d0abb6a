"""The issues as an Atom feed (RFC 4287), ban-tin/feed.xml, for feed readers and mail clients.

Atom rather than RSS 2.0 because Atom allows relative links (resolved against the feed's own
address), so a site built without `site_url` still gets a valid, working feed; with `site_url`
every link is absolute, which some mail clients need. Entry ids are `urn:uuid:`s derived from
the organisation and the issue's month, so they stay the same whatever the site's address.
"""

from __future__ import annotations

import datetime as dt
import uuid
from xml.etree import ElementTree as ET

from bulletin.data.model import Dataset, Issue
from bulletin.data.settings import Settings
from bulletin.pages import links
from bulletin.pages.bulletins import issue_label, lead

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 24  # two years of issues: readers only need the recent ones


def _url(settings: Settings, doc: str) -> str:
    """Absolute with site_url; otherwise relative to the feed (ban-tin/feed.xml)."""
    url = links.page_url(doc, settings.use_directory_urls)
    if settings.site_url:
        return settings.site_url.rstrip("/") + "/" + url
    return links.relative(links.FEED, doc, settings.use_directory_urls)


def _stamp(day: dt.date) -> str:
    # An issue has a date, not a time: publish it at midnight, Vietnam time (UTC+7).
    return f"{day.isoformat()}T00:00:00+07:00"


def _id(data: Dataset, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"bulletin:{data.organization.name}:{key}").urn


def _entry(parent: ET.Element, data: Dataset, settings: Settings, issue: Issue) -> None:
    entry = ET.SubElement(parent, "entry")
    ET.SubElement(entry, "title").text = issue.title
    ET.SubElement(entry, "id").text = _id(data, issue.key)
    ET.SubElement(entry, "updated").text = _stamp(issue.date)
    ET.SubElement(entry, "published").text = _stamp(issue.date)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=_url(settings, links.issue_doc(issue.key)))
    if settings.print_edition:
        ET.SubElement(entry, "link", rel="enclosure", type="application/pdf", href=_url(settings, links.issue_pdf(issue.key)))
    ET.SubElement(entry, "summary").text = f"{issue_label(issue)}. {lead(issue)}".strip()


def atom(data: Dataset, settings: Settings) -> bytes:
    """The feed: newest issue first, at most MAX_ENTRIES."""
    feed = ET.Element("feed", xmlns=ATOM)
    feed.set("xml:lang", "vi")
    ET.SubElement(feed, "title").text = f"{data.organization.bulletin_title} · {data.organization.name}"
    ET.SubElement(feed, "id").text = uuid.uuid5(uuid.NAMESPACE_URL, f"bulletin:{data.organization.name}").urn
    newest = sorted(data.issues, key=lambda i: (i.date, i.key), reverse=True)[:MAX_ENTRIES]
    ET.SubElement(feed, "updated").text = _stamp(max((i.date for i in newest), default=dt.date(2000, 1, 1)))
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = data.organization.name
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=_url(settings, "ban-tin/index.md"))
    if settings.site_url:
        ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=_url(settings, links.FEED))
    for issue in newest:
        _entry(feed, data, settings, issue)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"
