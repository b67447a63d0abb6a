"""The deployment guide, run for real: Debian's nginx serving `bulletin publish` releases on loopback."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from webserver import BIN, ENV, PASSWORD, USER, Deployment, basic, bulletin

from bulletin.deploy.sitecheck import check_site

STAMP = re.compile(rb'<meta name="bulletin-release" content="([^"]+)">')
ASSET_STAMP = re.compile(rb"/\* bulletin-release: (\S+) \*/")
PAGES = ["/", "/chi-bo/", "/chi-bo/so-tu-phap/", "/tong-hop/", "/ban-tin/", "/chuyen-de/"]
CSS = "/assets/bulletin/bulletin.css"


def release_of(body: bytes, pattern: re.Pattern[bytes] = STAMP) -> str:
    found = set(pattern.findall(body))
    assert len(found) == 1, f"expected one release stamp, found {found}"
    return found.pop().decode()


def served(site: Deployment) -> str:
    status, _, body = site.get("/release.json")
    assert status == 200
    return json.loads(body)["release"]


def test_nothing_is_served_without_credentials(site: Deployment) -> None:
    for path in ["/", "/tong-hop/chi-bo.csv", "/assets/mau-bien-ban.docx", "/release.json", "/khong-co/"]:
        status, headers, body = site.get(path, auth=None)
        assert status == 401, path
        assert headers["www-authenticate"].startswith("Basic"), path
        assert b"bulletin-release" not in body and b"Chi b" not in body
    assert site.get("/", auth=(USER, "sai mật khẩu"))[0] == 401
    assert site.get("/", auth=("nguoi-la", PASSWORD))[0] == 401


def test_a_reader_with_credentials_gets_every_kind_of_file_with_its_type(site: Deployment) -> None:
    expected = {
        "/": "text/html; charset=utf-8",
        "/chi-bo/so-tu-phap/": "text/html; charset=utf-8",
        "/tong-hop/chi-bo.csv": "text/csv; charset=utf-8",
        "/tong-hop/chi-bo.json": "application/json; charset=utf-8",
        "/assets/mau-bien-ban.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "/assets/huong-dan.pdf": "application/pdf",
        CSS: "text/css; charset=utf-8",
    }
    for path, content_type in expected.items():
        status, headers, _ = site.get(path)
        assert (status, headers["content-type"]) == (200, content_type), path
        assert headers["x-content-type-options"] == "nosniff"
        policy = headers["content-security-policy"]  # beside each page's own <meta> policy (outputs/csp.py)
        if content_type.startswith("text/html"):
            assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
        else:  # a file opened directly runs nothing: an SVG with script stays inert
            assert policy.startswith("default-src 'none';") and "; sandbox;" in policy and "script-src" not in policy
            assert "frame-ancestors 'self'" in policy
    _, _, csv = site.get("/tong-hop/chi-bo.csv")
    assert csv.startswith(b"\xef\xbb\xbf") and "Tư pháp".encode() in csv  # UTF-8 with BOM, for Excel


def test_pages_are_revalidated_fingerprinted_bundles_cached_and_text_gzipped(site: Deployment) -> None:
    _, headers, body = site.get("/")
    assert headers["cache-control"] == "no-cache" and "etag" in headers
    bundle = re.search(rb'href="(assets/stylesheets/main\.[0-9a-f]{8}\.min\.css)"', body)
    assert bundle, "Material's fingerprinted style sheet is linked from the home page"
    _, headers, _ = site.get("/" + bundle[1].decode())
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert site.get(CSS)[1]["cache-control"] == "no-cache"  # not fingerprinted: revalidated
    status, headers, body = site.get("/chi-bo/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert b"<html" in gzip.decompress(body)


def test_no_directory_listing_and_no_hidden_file(site: Deployment) -> None:
    for path in ["/assets/", "/assets/bulletin/", "/search/"]:
        status, _, body = site.get(path)
        assert status in (403, 404), path
        assert b"Index of" not in body
    stray = site.target / ".git/config"  # as if one had slipped into a release by hand
    stray.parent.mkdir()
    stray.write_text("[remote]\n")
    try:
        assert site.get("/.git/config")[0] == 404
    finally:
        shutil.rmtree(stray.parent)
    status, _, body = site.get("/khong-co-trang-nay/")
    assert status == 404 and b"404" in body  # the site's own 404 page


def test_a_failed_or_killed_publish_keeps_the_served_release_whole(site: Deployment) -> None:
    before = served(site)
    index = site.project / "content/index.md"
    original = index.read_text(encoding="utf-8")
    index.write_text(original + '\n<a href="khong-co/">liên kết hỏng</a>\n', encoding="utf-8")
    try:
        result = site.publish()
    finally:
        index.write_text(original, encoding="utf-8")
    assert result.returncode == 1 and "index.html: liên kết tới 'khong-co/'" in result.stderr
    assert served(site) == before

    proc = subprocess.Popen([str(BIN / "bulletin"), "publish", str(site.target)], cwd=site.project, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    releases = Path(f"{site.target}.releases")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            building = [p for p in releases.glob(".building-*") if any(p.rglob("*.html"))]
            if building:
                break
            time.sleep(0.005)
        assert building, "the publish was not caught mid-build"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert served(site) == before
    assert check_site(site.target) == []  # the served release is whole
    for path in PAGES:
        status, _, body = site.get(path)
        assert status == 200 and release_of(body) == before


def test_publishing_under_a_reader_loop_never_errs_nor_mixes_releases_and_rollback_restores(site: Deployment) -> None:
    """A reader requests a page, its style sheet, then the page again, over and over, while a
    release is published: no error, every file from one release, never back to the old one
    once the new one was seen, and a page and its assets match whenever no swap fell between."""
    old = served(site)
    _, headers, _ = site.get("/")
    old_etag = headers["etag"]
    seen: list[tuple[str, int, str]] = []
    stop = threading.Event()

    def reader() -> None:
        conn = site.connect()
        deadline = time.monotonic() + 120
        for i in range(100_000):  # bounded in count and in time; runs until the publish is over
            if stop.is_set() or time.monotonic() > deadline:
                break
            time.sleep(0.002)  # a busy reader, leaving the build some of the machine's two cores
            path = PAGES[i % len(PAGES)]
            triple = []
            for url, pattern in ((path, STAMP), (CSS, ASSET_STAMP), (path, STAMP)):
                conn.request("GET", url, headers=basic((USER, PASSWORD)))
                response = conn.getresponse()
                body = response.read()
                seen.append((url, response.status, release_of(body, pattern) if response.status == 200 else ""))
                triple.append(seen[-1][2])
            if triple[0] == triple[2]:
                assert triple[1] == triple[0], f"{path} of {triple[0]} came with the style sheet of {triple[1]}"
        conn.close()

    errors: list[BaseException] = []

    def guarded() -> None:
        try:
            reader()
        except BaseException as e:
            errors.append(e)

    thread = threading.Thread(target=guarded)
    thread.start()
    try:
        time.sleep(0.3)
        result = site.publish()
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join(timeout=150)
    assert result.returncode == 0, result.stderr
    assert not errors, errors
    new = served(site)
    assert new > old
    assert {status for _, status, _ in seen} == {200}
    order = [release for _, _, release in seen]
    assert order[0] == old and order[-1] == new
    switch = order.index(new)
    assert set(order[:switch]) == {old} and set(order[switch:]) == {new}, "a response from the old release after the new one"
    assert len(order) > 30

    # A browser holding the old page revalidates it and gets the new one, not a 304.
    status, _, body = site.get("/", headers={"If-None-Match": old_etag})
    assert status == 200 and release_of(body) == new

    rolled = bulletin("rollback", str(site.target), cwd=site.project)
    assert rolled.returncode == 0, rolled.stderr
    assert served(site) == old
    for path in PAGES:
        status, _, body = site.get(path)
        assert status == 200 and release_of(body) == old


HIDDEN = {  # stray files as if slipped into a release by hand: name -> secret content
    ".git/config.json": "git-secret",
    ".backup.csv": "backup-secret",
    "a/.hidden/x.pdf": "pdf-secret",
    ".env": "env-secret",
    "assets/.secret.docx": "docx-secret",
    "tong-hop/.old.json": "json-secret",
    ".well-known/x.html": "html-secret",
}
HIDDEN_REQUESTS = [
    "/.git/config.json",
    "/%2egit/config.json",
    "/%2Egit/config.json",
    "/.git/config.json?download=1",
    "/.git/",
    "/.backup.csv",
    "/%2ebackup.csv",
    "//.backup.csv",
    "/./.backup.csv",
    "/tong-hop/../.backup.csv",
    "/a/.hidden/x.pdf",
    "/a/%2ehidden/x.pdf",
    "/a/%2Ehidden%2Fx.pdf",
    "/a/b/../.hidden/x.pdf",
    "/.env",
    "/assets/.secret.docx",
    "/tong-hop/.old.json",
    "/tong-hop/%2Eold.json",
    "/.well-known/x.html",
]


def test_no_path_with_a_hidden_segment_is_served_whatever_its_type_or_spelling(site: Deployment) -> None:
    release = site.target.resolve()
    made = []
    try:
        for rel, secret in HIDDEN.items():
            path = release / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secret)
            made.append(path)
        for request in HIDDEN_REQUESTS:
            status, _, body = site.get(request)
            assert status in (400, 404), (request, status)
            assert b"secret" not in body, request
        # The same types outside a hidden segment are still served.
        assert site.get("/tong-hop/chi-bo.json")[0] == 200
        assert site.get("/tong-hop/chi-bo.csv")[0] == 200
    finally:
        for path in made:
            path.unlink()
        for rel in (".git", "a", ".well-known"):
            shutil.rmtree(release / rel, ignore_errors=True)


def test_nginx_accepts_bcrypt_and_an_old_ssha_entry_until_its_password_is_set_again(site: Deployment) -> None:
    from bulletin.deploy.htpasswd import hash_ssha

    file = site.dir / "htpasswd"
    entries = dict(line.split(":", 1) for line in file.read_text().splitlines())
    assert entries[USER].startswith("$2b$10$")  # what `bulletin htpasswd` wrote; the reader logs in with it
    assert site.get("/")[0] == 200
    original = file.read_text()
    try:
        with file.open("a") as fh:  # an entry written by an older version
            fh.write(f"nguoi-cu:{hash_ssha('mật khẩu cũ')}\n")
        assert site.get("/", auth=("nguoi-cu", "mật khẩu cũ"))[0] == 200
        assert site.get("/", auth=("nguoi-cu", "sai"))[0] == 401
        result = bulletin("htpasswd", str(file), "nguoi-cu", cwd=site.project, stdin="mật khẩu mới\n")
        assert result.returncode == 0, result.stderr
        rewritten = dict(line.split(":", 1) for line in file.read_text().splitlines())
        assert rewritten["nguoi-cu"].startswith("$2b$") and rewritten[USER] == entries[USER]
        assert site.get("/", auth=("nguoi-cu", "mật khẩu mới"))[0] == 200
        assert site.get("/", auth=("nguoi-cu", "mật khẩu cũ"))[0] == 401
        # Apache's `htpasswd -B` spells the same hash $2y$: nginx takes that too.
        with file.open("a") as fh:
            fh.write(f"apache:{rewritten['nguoi-cu'].replace('$2b$', '$2y$', 1)}\n")
        assert site.get("/", auth=("apache", "mật khẩu mới"))[0] == 200
    finally:
        mode = file.stat().st_mode
        file.write_text(original)
        file.chmod(mode)
