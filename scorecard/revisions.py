"""The rules and evidence as a git revision had them, for `diff --before-rev`."""

from __future__ import annotations

import os
import re
from pathlib import Path

from scorecard.errors import ExitCode, escape_controls


class RevisionError(Exception):
    """The revision cannot be read: the message, and the exit code it calls for."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.message = message
        self.code = code


def at_revision(rev: str, rules: Path, evidence: Path, into: Path) -> tuple[Path, Path]:
    """The rules and evidence folders as git revision `rev` had them, extracted under `into`.

    `rev` is resolved to a commit first (`git rev-parse --verify --end-of-options REV^{commit}`),
    and only the resolved hash reaches `git archive`, after `--end-of-options`: a value such as
    `--output=FILE` is a revision that does not exist, never an option. A revision whose tree holds
    a link that is absolute or leads out of the extracted folders is refused."""
    import io
    import subprocess
    import tarfile

    def git(*args: str, where: Path = evidence) -> bytes:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, stdin=subprocess.DEVNULL)
        if done.returncode:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise RevisionError(
                f"--before-rev {rev}: git {args[0]} failed: {said[-1] if said else 'no answer'}",
                ExitCode.USAGE,
            )
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").decode().strip())
    commit = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", where=top)
    commit_hash = commit.decode().strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", commit_hash):
        raise RevisionError(f"--before-rev {rev}: not a commit of this repository", ExitCode.USAGE)
    parts = [os.path.relpath(os.path.realpath(x), top) for x in (rules, evidence)]
    if any(x.startswith("..") for x in parts):
        raise RevisionError(
            f"--before-rev {rev}: the rules and evidence must be inside one git repository", ExitCode.USAGE
        )
    archive = git("archive", "--format=tar", "--end-of-options", commit_hash, *parts, where=top)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                _refuse_link(rev, member)
            tar.extractall(into, filter="data")
    except tarfile.TarError as exc:
        raise RevisionError(
            f"--before-rev {rev}: cannot extract the revision's files: {exc}", ExitCode.INVALID_DATA
        ) from None
    return into / parts[0], into / parts[1]


def _refuse_link(rev: str, member) -> None:
    """A link in a revision's tree may only point inside the tree, by a relative path."""
    if not (member.issym() or member.islnk()):
        return
    target = member.linkname
    where = os.path.normpath(os.path.join(os.path.dirname(member.name), target)) if member.issym() else target
    if os.path.isabs(target) or where == ".." or where.startswith("../"):
        raise RevisionError(
            f"--before-rev {rev}: {escape_controls(member.name)} is a link to {escape_controls(target)}, "
            "outside the revision's files; such a revision is not read",
            ExitCode.INVALID_DATA,
        )
