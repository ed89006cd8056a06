"""YAML files → models. Collects every problem with its path:line:col; never stops at the first.

With files.py (how a file is read), the only stage that reads the data. What it reads:
  RULES/agreement.yaml, RULES/obligations/*.yaml, the agreement text it names, RULES/examples.yaml,
  RULES/lexicon.yaml;
  EVIDENCE/sources.yaml, EVIDENCE/origins.yaml, EVIDENCE/items/*.yaml, the documents they name;
  the scoring policy (the package's policy.yaml unless another is given).
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError, create_model
from pydantic.fields import FieldInfo

from scorecard import model, yamlnodes
from scorecard.cache import Cache
from scorecard.errors import Problem, did_you_mean
from scorecard.files import LIMITS, Refused, bad_byte, inside, inside_folder, read_regular, strays
from scorecard.loaded import Place, Project
from scorecard.model.project import TextFile
from scorecard.positions import YAML_BREAK
from scorecard.schema_messages import schema_message
from scorecard.yamlnodes import Located, parse_yaml

DEFAULT_POLICY = Path(__file__).with_name("policy.yaml")
M = TypeVar("M", bound=BaseModel)


class _Reader:
    """Shared state of one load: the directories as the user named them, and the problems."""

    def __init__(
        self,
        project: Project,
        bases: dict[str, Path],
        cache: Cache | None = None,
        overlay: dict[str, bytes] | None = None,
    ):
        self.project = project
        self.bases = bases
        self.cache = cache or Cache(None)
        # Staged contents by absolute path, read in place of the disk (a transaction's check).
        self.overlay = overlay or {}
        self._real: dict[str, str] = {}
        self._folders: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.errors: list[Any] = []  # pydantic's errors of the last validation that failed

    def real_base(self, category: str) -> str:
        """The data folder of `category` with every link resolved (worked out once)."""
        if category not in self._real:
            self._real[category] = os.path.realpath(self.bases[category])
        return self._real[category]

    def record(self, category: str, path: Path, sha: str, real: str | None = None) -> None:
        """Remember a file's hash under its path relative to its data folder (`real`: the path
        with every link resolved, where the caller has it)."""
        rel = os.path.relpath(real or os.path.realpath(path), self.real_base(category))
        self.project.file_hashes.setdefault(category, {})[Path(rel).as_posix()] = sha
        self.project.shas[self.shown(path)] = sha

    def shown(self, path: Path) -> str:
        """A path as the user will recognise it: relative to the working folder when inside it.

        Worked out once per folder (a thousand files in one folder share it)."""
        folder, name = os.path.split(os.fspath(path))
        if not name or name in (".", ".."):
            return self._shown(path)
        shown_folder = self._folders.get(folder)
        if shown_folder is None:
            shown_folder = self._folders[folder] = self._shown(Path(folder)) if folder else "."
        return name if shown_folder == "." else f"{shown_folder.rstrip('/')}/{name}"

    @staticmethod
    def _shown(path: Path) -> str:
        rel = os.path.relpath(path)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    def problem(self, path: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(path, line, col, message))

    def read_yaml(self, path: Path, category: str) -> Located | None:
        """Parse one YAML file of a data folder (or the policy, which may be anywhere)."""
        shown = self.shown(path)
        try:
            real = (
                inside_folder(path, self.bases[category], self.real_base(category))
                if category != "policy"
                else None
            )
            raw = self.read(path, LIMITS["YAML file"], "a YAML file")
        except Refused as exc:
            self.problem(shown, 1, 1, f"cannot read file: {exc}" if exc.os_error else f"this file {exc}")
            return None
        sha = hashlib.sha256(raw).hexdigest()
        self.record(category, path, sha, real)
        hit = self.cache.get(f"{sha} {yamlnodes.PARSER}")
        if hit is not None:  # parsed before with nothing to report: positions (and the text) on demand
            return Located(hit[0], text=raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(shown, *bad_byte(raw, exc, YAML_BREAK))
            return None
        located = parse_yaml(text)
        if located.text is not None:  # nothing to report
            self.cache.put(f"{sha} {yamlnodes.PARSER}", located.data)
        for p in located.problems:
            self.problem(shown, p.line, p.col, p.message)
        if not located.complete or () in located.bad:
            return None
        return located

    def read(self, path: Path, limit: int, what: str) -> bytes:
        """A file's bytes: staged ones where a transaction stages them, else the disk's."""
        staged = self.overlay.get(os.path.realpath(path)) if self.overlay else None
        return staged if staged is not None else read_regular(path, limit, what)

    def exists(self, path: Path) -> bool:
        return os.path.lexists(path) or (bool(self.overlay) and os.path.realpath(path) in self.overlay)

    def staged_in(self, folder: Path) -> list[str]:
        """Names of the files staged directly in `folder` (keys are paths with every link resolved)."""
        base = os.path.realpath(folder)
        return [os.path.basename(p) for p in self.overlay if os.path.dirname(p) == base]

    def validate(self, cls: type[M], data: Any, shown: str, located: Located, loc: tuple) -> M | None:
        self.errors = []
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            self.errors = exc.errors()
            for err in self.errors:
                self._schema_problem(cls, err, data, shown, located, loc)
            return None

    def entry(self, cls: type[M], kind: str, data: Any, place: Place, into: dict[str, M] | None) -> M | None:
        """Validate one entry and register it; if it fails, keep what is valid of it for the checks."""
        obj = self.validate(cls, data, place.path, place.located, place.loc)
        if obj is not None:
            if into is not None:
                _register(self, kind, obj, place, into)
            return obj
        self.project.failed.add((kind, _raw_id(data)))
        part = _partial(cls, data, self.errors)
        id_ = getattr(part, "id", None) or ""
        if part is not None and (id_ or kind == "agreement") and (kind, id_) not in self.project.partial:
            self.project.partial[(kind, id_)] = (part, place)
        return None

    def _schema_problem(
        self, cls: type[BaseModel], err: Any, data: Any, shown: str, located: Located, loc: tuple
    ) -> None:
        where, on_key, msg = schema_message(cls, err, data)
        if err["type"] != "extra_forbidden" and located.spoilt(loc + where):
            return  # the value was unreadable YAML, already reported where it stands
        self.problem(shown, *located.where(loc + where, key=on_key), msg)


def _read_text(
    r: _Reader, category: str, rel: str, place: Place, keys: tuple[str, ...], what: str
) -> TextFile:
    """Read a text file that `place` names at `keys` (the position is looked up only for a problem)."""
    shown, name, raw, sha = _read_named(r, category, rel, place, keys, what)
    if raw is None:
        return TextFile(shown, name, None, None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col, message = bad_byte(raw, exc)
        r.problem(*place.at(*keys), f"'{rel}' line {line}, column {col}: {message}")
        text = None
    return TextFile(shown, name, text, sha)


def _read_named(
    r: _Reader, category: str, rel: str, place: Place, keys: tuple[str, ...], what: str
) -> tuple[str, str, bytes | None, str | None]:
    """(path as shown, file name, bytes, their sha256) of a file a data file names; bytes and sha256
    None if it may not be read."""
    base = r.bases[category]
    try:
        target = inside(base, rel, r.real_base(category))
    except (OSError, RuntimeError, ValueError) as exc:  # a loop of symbolic links, a NUL in the name
        target = f"path '{rel}' cannot be followed: {getattr(exc, 'strerror', None) or exc}"
    if isinstance(target, str):
        r.problem(*place.at(*keys), target)
        return rel, Path(rel).name, None, None
    shown = r.shown(target)
    try:
        raw = r.read(target, LIMITS[what], f"{'an' if what[0] in 'aeiou' else 'a'} {what}")
    except Refused as exc:
        r.problem(*place.at(*keys), f"cannot read '{rel}': {exc}" if exc.os_error else f"'{rel}' {exc}")
        return shown, target.name, None, None
    sha = hashlib.sha256(raw).hexdigest()
    r.record(category, target, sha, str(target))
    return shown, target.name, raw, sha


def _load_list(
    r: _Reader, path: Path, cls: type[M], kind: str, into: dict[str, M], category: str = "evidence"
) -> None:
    located = r.read_yaml(path, category)
    shown = r.shown(path)
    if not _shaped(r, located, shown, list, f"expected a list of {kind}s", kind) or located is None:
        return
    try:  # the whole list in one call; on any error, entry by entry for the messages
        models = _list_of(cls).validate_python(located.data)
    except ValidationError:
        for i, entry in enumerate(located.data):
            r.entry(cls, kind, entry, Place(shown, located, (i,)), into)
    else:
        for i, obj in enumerate(models):
            _register(r, kind, obj, Place(shown, located, (i,)), into)
    located.data = None  # validated: the models hold what is needed, the positions stay


@functools.cache
def _list_of(cls: type[M]) -> TypeAdapter[list[M]]:
    """A validator of a list of `cls`: a file's entries validated in one call (its thousands of
    items at 100x the shipped evidence each spared three Python calls)."""
    return TypeAdapter(list[cls])  # type: ignore[valid-type]  # cls is a model class


@functools.cache
def _lenient(cls: type[M]) -> type[M]:
    """`cls` with no required keys (a missing one is None): for the valid part of an invalid entry."""
    fields: dict[str, Any] = {
        name: (f.annotation, FieldInfo.merge_field_infos(f, default=None))
        for name, f in cls.model_fields.items()
        if f.is_required()
    }
    return create_model(f"Partial{cls.__name__}", __base__=cls, **fields)


def _partial(cls: type[M], data: Any, errors: list[dict]) -> M | None:
    """The entry without its invalid keys, or None if there is nothing to keep."""
    if not isinstance(data, dict):
        return None
    wrong = {err["loc"][0] for err in errors if err["loc"]}
    kept = {k: v for k, v in data.items() if k in cls.model_fields and k not in wrong}
    try:
        return _lenient(cls).model_validate(kept)
    except Exception:  # noqa: BLE001 - a model-wide validator may not expect missing keys: then keep nothing
        return None


def _shaped(r: _Reader, located: Located | None, shown: str, shape: type, message: str, kind: str) -> bool:
    """True if the file parsed to a `shape`; else say so (unless parsing already did) and mark `kind` unloaded."""
    if located is not None and isinstance(located.data, shape):
        return True
    if located is not None:
        r.problem(shown, 1, 1, message)
    r.project.failed.add((kind, ""))
    return False


def _raw_id(entry: Any) -> str:
    """The id an entry that failed validation meant to define, or "" if it names none."""
    raw = entry.get("id") if isinstance(entry, dict) else None
    return raw if isinstance(raw, str) and raw else ""


def _register(r: _Reader, kind: str, obj: Any, place: Place, into: dict) -> None:
    key = (kind, obj.id)
    if key in r.project.places:
        first = r.project.places[key]
        path, line, _ = first.at("id")
        r.problem(*place.at("id"), f"duplicate {kind} id '{obj.id}' (first defined at {path}:{line})")
        return
    r.project.places[key] = place
    into[obj.id] = obj


def _yaml_files(r: _Reader, folder: Path, category: str, kind: str, holds: str) -> list[Path]:
    """The `*.yaml` files of a data folder, in name order; a missing or unreadable folder, a file
    with another YAML extension and a subfolder are problems, never silently skipped."""
    shown, parent = r.shown(folder), r.shown(folder.parent)
    if not os.path.lexists(folder):
        r.problem(shown, 1, 1, f"no {folder.name}/ folder in {parent}/ (it holds {holds})")
        r.project.failed.add((kind, ""))
        return []
    try:
        inside_folder(folder, r.bases[category], r.real_base(category))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except Refused as exc:
        r.problem(shown, 1, 1, f"cannot read folder: {exc}" if exc.os_error else f"this folder {exc}")
    except NotADirectoryError:
        r.problem(shown, 1, 1, f"'{folder.name}' must be a folder (it holds {holds}), not a file")
    except OSError as exc:
        r.problem(shown, 1, 1, f"cannot read folder: {exc.strerror or exc}")
    else:
        files: list[Path] = []
        other = False
        on_disk = {entry.name for entry in entries}
        staged = [n for n in r.staged_in(folder) if n not in on_disk and n.endswith(".yaml")]
        files.extend(folder / n for n in staged)
        for entry in entries:
            path, name = folder / entry.name, entry.name
            if name.endswith(".yaml"):
                files.append(path)
            elif Path(name).suffix.lower() in (".yml", ".yaml"):
                rename = f"rename it to {Path(name).stem}.yaml"
                r.problem(r.shown(path), 1, 1, f"only files named *.yaml are read: {rename}")
                other = True
            elif not name.startswith(".") and _is_dir(entry):
                r.problem(r.shown(path), 1, 1, f"subfolders are not read: move its files into {shown}/")
                other = True
        if other:
            r.project.failed.add((kind, ""))
        return sorted(files, key=lambda p: p.name)
    r.project.failed.add((kind, ""))
    return []


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _load_rules(r: _Reader, rules: Path) -> None:
    path = rules / "agreement.yaml"
    exists = os.path.lexists(path)
    located = r.read_yaml(path, "rules") if exists else None
    if not exists:
        inside_ = sorted(r.shown(x.parent) for x in rules.glob("*/agreement.yaml"))
        hint = f" (did you mean {inside_[0]}?)" if inside_ else " (--rules names one agreement's folder)"
        r.problem(r.shown(path), 1, 1, f"no agreement.yaml in {r.shown(rules)}/{hint}")
    if located is not None:
        place = Place(r.shown(path), located, ())
        agreement = r.entry(model.Agreement, "agreement", located.data, place, None)
        if agreement is not None:
            r.project.agreement = agreement
            r.project.places[("agreement", agreement.id)] = place
        agreement = r.project.partial_agreement()
        if agreement is not None and agreement.text is not None:
            r.project.agreement_text = _read_text(
                r, "rules", agreement.text.file, place, ("text", "file"), "agreement text"
            )
    files = _yaml_files(r, rules / "obligations", "rules", "obligation", "one YAML file per obligation")
    if not files and ("obligation", "") not in r.project.failed:
        shown = r.shown(rules / "obligations")
        r.problem(shown, 1, 1, f"no obligation files (*.yaml) in {shown}/")
        r.project.failed.add(("obligation", ""))
    for file in files:
        located = r.read_yaml(file, "rules")
        shown = r.shown(file)
        if (
            not _shaped(r, located, shown, dict, "expected one obligation (a mapping) per file", "obligation")
            or located is None
        ):
            continue
        r.entry(
            model.Obligation, "obligation", located.data, Place(shown, located, ()), r.project.obligations
        )
        located.data = None
    examples = rules / "examples.yaml"
    if os.path.lexists(examples):  # optional: labelled passages `ingest` learns from
        _load_list(r, examples, model.Example, "example", r.project.examples, "rules")
    lexicon = rules / "lexicon.yaml"
    if os.path.lexists(lexicon):  # optional: the agreement's own stance phrases for `ingest`
        located = r.read_yaml(lexicon, "rules")
        shown = r.shown(lexicon)
        if located is not None and located.data is None:  # comments only: no phrases of its own
            located.data = {}
        if _shaped(r, located, shown, dict, "expected a mapping of lexicon lists", "lexicon") and located:
            place = Place(shown, located, ())
            r.project.lexicon = r.entry(model.Lexicon, "lexicon", located.data, place, None)


def _load_evidence(r: _Reader, evidence: Path) -> None:
    lists: tuple[tuple[str, Any, str, dict[str, Any]], ...] = (
        ("sources.yaml", model.Source, "source", r.project.sources),
        ("origins.yaml", model.Origin, "origin", r.project.origins),
    )
    for name, cls, kind, into in lists:
        if r.exists(evidence / name):
            _load_list(r, evidence / name, cls, kind, into)
        else:
            r.problem(r.shown(evidence / name), 1, 1, f"missing {name} in {r.shown(evidence)}/")
            r.project.failed.add((kind, ""))
    if r.exists(evidence / "overrides.yaml"):  # optional: analysts' status overrides
        _load_list(r, evidence / "overrides.yaml", model.Override, "override", r.project.overrides)
    holds = "the evidence items, one file per source"
    for file in _yaml_files(r, evidence / "items", "evidence", "evidence item", holds):
        r.project.item_files.add(r.shown(file))
        _load_list(r, file, model.EvidenceItem, "evidence item", r.project.items)
    partial = [
        obj for (kind, _), (obj, _) in r.project.partial.items() if kind == "source" and obj.file is not None
    ]
    for source in [*r.project.sources.values(), *partial]:
        place = r.project.place("source", source.id)
        r.project.documents[source.id] = _read_text(r, "evidence", source.file, place, ("file",), "document")
        if getattr(source, "original", None) is not None and source.original.file is not None:
            shown, _, _, sha = _read_named(
                r, "evidence", source.original.file, place, ("original", "file"), "original document"
            )
            r.project.originals[source.id] = (shown, sha)
    named = {os.path.normpath(evidence / n) for n in ("sources.yaml", "origins.yaml", "overrides.yaml")}
    for source in [*r.project.sources.values(), *partial]:
        for rel in (source.file, getattr(getattr(source, "original", None), "file", None)):
            if isinstance(rel, str):
                named.add(os.path.normpath(evidence / rel))
    strays(r, evidence, named)


def _load_policy(r: _Reader, path: Path) -> None:
    located = r.read_yaml(path, "policy")
    if located is None:
        return
    policy = r.validate(model.Policy, located.data, r.shown(path), located, ())
    if policy is not None:
        r.project.policy = policy
        r.project.policy_sha256 = next(iter(r.project.file_hashes["policy"].values()))


def _near_folder(folder: Path) -> str:
    """` (did you mean 'x'?)` for a folder beside a missing one."""
    parent = folder.parent if folder.parent.is_dir() else None
    siblings = [d.name for d in parent.iterdir() if d.is_dir()] if parent else []
    return did_you_mean(folder.name, siblings)


def load_project(
    rules: Path,
    evidence: Path,
    policy: Path | None = None,
    cache: Cache | None = None,
    overlay: dict[str, bytes] | None = None,
) -> tuple[Project, list[Problem]]:
    """Read every file of one agreement's rules and one evidence folder, and the policy.

    `cache` keeps the parsed data of files between runs (scorecard/cache.py); None parses every file.
    `overlay`: staged contents by path (every link resolved), read in place of those files."""
    policy = policy or DEFAULT_POLICY
    bases = {"rules": rules, "evidence": evidence, "policy": policy.parent}
    r = _Reader(Project(), bases, cache, overlay)
    for folder, what in ((rules, "rules"), (evidence, "evidence")):
        if not folder.is_dir():
            r.problem(r.shown(folder), 1, 1, f"{what} folder not found{_near_folder(folder)}")
    if rules.is_dir():
        _load_rules(r, rules)
    if evidence.is_dir():
        _load_evidence(r, evidence)
    _load_policy(r, policy)
    return r.project, r.problems
