"""The deployment guide of the README, followed from scratch: publish the sample, add a reader,
render deploy/nginx.conf, and run Debian's nginx on loopback as this test's own process.

Everything lives in one temporary folder (config, pid, logs, releases), readable by
nginx's unprivileged workers; nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_AS_OF": "2026-11-23"}
USER, PASSWORD = "van-phong", "mật-khẩu thử 1"

MAIN_CONF = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include {dir}/bulletin.conf;
}}
"""


def bulletin(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "bulletin"), *args], cwd=cwd, env=ENV, input=stdin, capture_output=True, text=True, timeout=300
    )


def minimal_docx() -> bytes:
    """A one-paragraph Word file (what an office attaches: a minutes template)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Biên bản sinh hoạt chi bộ (mẫu)</w:t></w:r></w:p></w:body></w:document>",
        )
    return buf.getvalue()


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Deployment:
    dir: Path
    project: Path  # a copy of the sample project, which the tests may edit
    target: Path  # what nginx serves: the symlink `bulletin publish` swaps
    port: int = 0
    first: str = ""  # the first release's name
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def get(
        self, path: str, auth: tuple[str, str] | None = (USER, PASSWORD), headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = self.connect()
        try:
            conn.request("GET", path, headers={**basic(auth), **(headers or {})})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def publish(self) -> subprocess.CompletedProcess[str]:
        return bulletin("publish", str(self.target), cwd=self.project)


def basic(auth: tuple[str, str] | None) -> dict[str, str]:
    if auth is None:
        return {}
    token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def render(template: Path, out: Path, **values: str) -> Path:
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    assert "@" not in "".join(line.split("#")[0] for line in text.splitlines()), "a placeholder was left unfilled"
    out.write_text(text, encoding="utf-8")
    return out


def _start(d: Deployment) -> None:
    for _attempt in range(3):  # another process may take the free port between our probe and nginx's bind
        d.port = free_port()
        render(ROOT / "deploy/nginx.conf", d.dir / "bulletin.conf", LISTEN=f"127.0.0.1:{d.port}", ROOT=str(d.target),
               HTPASSWD=str(d.dir / "htpasswd"))  # fmt: skip
        (d.dir / "nginx.conf").write_text(MAIN_CONF.format(dir=d.dir), encoding="utf-8")
        test = subprocess.run([NGINX, "-t", "-p", str(d.dir), "-e", str(d.dir / "error.log"), "-c", str(d.dir / "nginx.conf")],
                              capture_output=True, text=True, timeout=30)  # fmt: skip
        assert test.returncode == 0, test.stderr
        d.process = subprocess.Popen([NGINX, "-p", str(d.dir), "-e", str(d.dir / "error.log"), "-c", str(d.dir / "nginx.conf")])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and d.process.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", d.port), timeout=1):
                return
            time.sleep(0.05)
        d.process.wait(timeout=10)
    raise AssertionError(f"nginx did not start: {(d.dir / 'error.log').read_text()}")


def _stop(d: Deployment) -> None:
    if d.process and d.process.poll() is None:
        d.process.terminate()  # fast shutdown of this test's own master and its workers
        try:
            d.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            d.process.kill()
            d.process.wait(timeout=20)


@contextlib.contextmanager
def deploy() -> Iterator[Deployment]:
    if not Path(NGINX).exists():
        raise AssertionError("nginx is missing: run `make test-deploy`, which installs Debian's nginx")
    # Not pytest's tmp_path: that is private to this user, and nginx's workers run as nobody.
    folder = Path(tempfile.mkdtemp(prefix="bulletin-deploy-"))
    folder.chmod(0o755)
    d = Deployment(dir=folder, project=folder / "project", target=folder / "www" / "bulletin")
    try:
        d.project.mkdir()
        for name in ("mkdocs.yml", "content", "topics", "overrides"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copyfile)(src, d.project / name)
        (d.project / "content/assets").mkdir(exist_ok=True)
        (d.project / "content/assets/mau-bien-ban.docx").write_bytes(minimal_docx())
        (d.project / "content/assets/huong-dan.pdf").write_bytes(MINIMAL_PDF)
        (folder / "tmp").mkdir()
        d.target.parent.mkdir()
        # The guide, step by step: publish, add a reader, configure and start nginx.
        result = d.publish()
        assert result.returncode == 0, result.stderr
        d.first = result.stdout.split("bản ", 1)[1].split()[0]
        added = bulletin("htpasswd", str(folder / "htpasswd"), USER, cwd=d.project, stdin=PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
        if os.geteuid() == 0:  # the guide's `chgrp www-data`: here the workers' group is nogroup
            import grp

            os.chown(folder / "htpasswd", -1, grp.getgrnam("nogroup").gr_gid)
        _start(d)
        yield d
    finally:
        _stop(d)
        shutil.rmtree(folder, ignore_errors=True)
