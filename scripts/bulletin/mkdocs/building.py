"""Building with MkDocs into a folder nobody reads yet, so a failure never reaches readers.

`bulletin build` swaps the result into site/; `bulletin publish` turns it into a
release behind a symlink. Both build the same way, here. Neither replaces a folder
that `custody.check_output` does not allow: the data, the project, a published
release, or anything this tool did not build.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from bulletin.data.custody import Guarded, check_output, mark
from bulletin.mkdocs import messages
from bulletin.mkdocs.project import load_mkdocs_config
from bulletin.mkdocs.stopping import Stopped


class BuildFailed(Exception):
    """MkDocs stopped (bad data, a strict warning); the message is for the editor."""


def build_into(config_file: str, out: Path, strict: bool | None = None) -> None:
    """Build the site of `config_file` into `out`, a new folder of our own (never the live one).

    `strict` None keeps the `strict:` of mkdocs.yml (MkDocs' load_config treats an override of
    False as the user's word and would silence the file's `strict: true`).
    On any failure, `out` is removed and BuildFailed (or the interruption) is raised.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    if out.exists():  # we remove it on failure: it must be ours from the start
        raise BuildFailed(f"Thư mục tạm {out} đã tồn tại; không ghi đè.")
    # The callers opened the project first: its warnings have been told already.
    cfg = load_mkdocs_config(config_file, quiet=True, strict=strict, site_dir=str(out))
    try:
        cfg.plugins.on_startup(command="build", dirty=False)  # a bad BULLETIN_WORKERS stops here, told below
    except MkDocsException as e:
        raise BuildFailed(messages.build_abort(str(e))) from None
    try:
        # MkDocs logs why it stopped, then raises a bare "Aborted": keep the reason, say it once.
        with messages.collected("mkdocs.commands.build", logging.ERROR) as errors:
            build(cfg)
        mark(out)  # again, after every plugin (Material's offline search index comes after ours)
    except Stopped:  # SIGTERM, SIGHUP: not the build's fault; the caller stops as on Ctrl-C
        shutil.rmtree(out, ignore_errors=True)
        raise
    except (MkDocsException, SystemExit) as e:  # MkDocs' Abort is a SystemExit too
        shutil.rmtree(out, ignore_errors=True)
        reasons = [r.getMessage() for r in errors] or [messages.build_abort(str(e))]
        raise BuildFailed("\n".join(reasons)) from None
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        cfg.plugins.on_shutdown()


def staged_build(config_file: str, final: Path, strict: bool | None = None, guarded: Guarded | None = None) -> None:
    """Build beside `final` and swap it in only when the build succeeded.

    Raises custody.UnsafeOutput, before building anything, when `final` may not be replaced."""
    if guarded is None:
        from bulletin.mkdocs.project import open_project

        guarded = open_project(config_file).guarded
    check_output(final, guarded)
    real = Path(os.path.realpath(final))
    staging = real.with_name(f".{real.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)  # a build of ours killed with the same pid
    build_into(config_file, staging, strict)
    swap(staging, real, guarded)


def swap(staging: Path, final: Path, guarded: Guarded) -> None:
    """Put `staging` in place of `final`; the old `final` is deleted only if it still passes the guard."""
    try:
        check_output(final, guarded)  # again: the folder may have changed during the build
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
