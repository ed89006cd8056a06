"""YAML files → models. Collects every problem with its path:line:col; never stops at the first.

This is the only stage that reads files. What it reads:
  RULES/agreement.yaml, RULES/obligations/*.yaml, the agreement text it names;
  EVIDENCE/sources.yaml, EVIDENCE/origins.yaml, EVIDENCE/items/*.yaml, the documents they name;
  the scoring policy (the package's policy.yaml unless another is given).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scorecard import model
from scorecard.errors import Problem, did_you_mean
from scorecard.schema_messages import schema_message
from scorecard.yamlnodes import Located, YamlProblem, parse_yaml

DEFAULT_POLICY = Path(__file__).with_name("policy.yaml")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Place:
    """Where an object was defined: the file as shown to the user, and its YAML positions."""

    path: str
    located: Located
    loc: tuple

    def at(self, *keys: Any, key: bool = False) -> tuple[str, int, int]:
        return (self.path, *self.located.where(self.loc + keys, key=key))


@dataclass
class TextFile:
    path: str  # as shown to the user
    name: str  # file name as shipped
    text: str | None
    sha256: str | None


@dataclass
class Project:
    """Everything loaded, plus where each object came from (for located integrity problems)."""

    agreement: model.Agreement | None = None
    obligations: dict[str, model.Obligation] = field(default_factory=dict)
    sources: dict[str, model.Source] = field(default_factory=dict)
    origins: dict[str, model.Origin] = field(default_factory=dict)
    items: dict[str, model.EvidenceItem] = field(default_factory=dict)
    overrides: dict[str, model.Override] = field(default_factory=dict)  # by obligation id
    policy: model.Policy | None = None
    policy_sha256: str = ""
    agreement_text: TextFile | None = None
    documents: dict[str, TextFile] = field(default_factory=dict)  # by source id
    places: dict[tuple[str, str], Place] = field(default_factory=dict)
    file_hashes: dict[str, dict[str, str]] = field(default_factory=dict)  # rules/evidence → {path: sha256}
    spans: dict = field(default_factory=dict)  # evidence id → Span of its quote, set by the checks
    failed: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) that did not load; id "" = a whole file

    def place(self, kind: str, id_: str) -> Place:
        return self.places[(kind, id_)]

    def did_not_load(self, kind: str, id_: str) -> bool:
        """True if `id_` may be defined where loading failed: a reference to it is not also reported."""
        return (kind, id_) in self.failed or (kind, "") in self.failed


class _Reader:
    """Shared state of one load: the directories as the user named them, and the problems."""

    def __init__(self, project: Project, bases: dict[str, Path]):
        self.project = project
        self.bases = bases
        self.problems: list[Problem] = []

    def record(self, category: str, path: Path, sha: str) -> None:
        """Remember a file's hash under its path relative to its data folder."""
        rel = os.path.relpath(path.resolve(), self.bases[category].resolve())
        self.project.file_hashes.setdefault(category, {})[Path(rel).as_posix()] = sha

    def shown(self, path: Path) -> str:
        """A path as the user will recognise it: relative to the working folder when inside it."""
        rel = os.path.relpath(path)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    def problem(self, path: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(path, line, col, message))

    def read_yaml(self, path: Path, category: str) -> Located | None:
        shown = self.shown(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")
            return None
        self.record(category, path, hashlib.sha256(raw).hexdigest())
        try:
            return parse_yaml(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            self.problem(shown, *_bad_byte(raw, exc))
        except YamlProblem as exc:
            self.problem(shown, exc.line, exc.col, exc.message)
        return None

    def validate(self, cls: type[M], data: Any, shown: str, located: Located, loc: tuple) -> M | None:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self._schema_problem(cls, err, shown, located, loc)
            return None

    def _schema_problem(self, cls: type[BaseModel], err: dict, shown: str, located: Located, loc: tuple) -> None:
        where, on_key, msg = schema_message(cls, err)
        self.problem(shown, *located.where(loc + where, key=on_key), msg)


def _bad_byte(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, int, str]:
    """Line, column (1-based) and a message for the first byte that is not UTF-8."""
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
    message = f"byte 0x{raw[exc.start]:02X} is not UTF-8 (save the file as UTF-8)"
    return raw.count(b"\n", 0, exc.start) + 1, col, message


def inside(base: Path, relative: str) -> Path | str:
    """`base/relative` if it stays inside `base`, else a message saying why it may not be used."""
    if Path(relative).is_absolute():
        return f"path '{relative}' must be relative to {base.as_posix()}/"
    full = (base / relative).resolve()
    if not full.is_relative_to(base.resolve()):
        linked = Path(os.path.normpath(base / relative)).is_relative_to(os.path.normpath(base))
        how = "leads through a symbolic link out of" if linked else "escapes"
        return f"path '{relative}' {how} the data folder {base.as_posix()}/"
    return full


def _read_text(r: _Reader, category: str, rel: str, where: tuple[str, int, int]) -> TextFile:
    base = r.bases[category]
    target = inside(base, rel)
    if isinstance(target, str):
        r.problem(*where, target)
        return TextFile(rel, Path(rel).name, None, None)
    shown = r.shown(target)
    try:
        raw = target.read_bytes()
    except OSError as exc:
        r.problem(*where, f"cannot read '{rel}': {exc.strerror or exc}")
        return TextFile(shown, target.name, None, None)
    r.record(category, target, hashlib.sha256(raw).hexdigest())
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col, message = _bad_byte(raw, exc)
        r.problem(*where, f"'{rel}' line {line}, column {col}: {message}")
        text = None
    return TextFile(shown, target.name, text, hashlib.sha256(raw).hexdigest())


def _load_list(r: _Reader, path: Path, cls: type[M], kind: str, into: dict[str, M]) -> None:
    located = r.read_yaml(path, "evidence")
    shown = r.shown(path)
    if not _shaped(r, located, shown, list, f"expected a list of {kind}s", kind):
        return
    for i, entry in enumerate(located.data):
        obj = r.validate(cls, entry, shown, located, (i,))
        if obj is not None:
            _register(r, kind, obj, Place(shown, located, (i,)), into)
        else:
            r.project.failed.add((kind, _raw_id(entry)))


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


def _load_rules(r: _Reader, rules: Path) -> None:
    path = rules / "agreement.yaml"
    located = r.read_yaml(path, "rules") if path.is_file() else None
    if not path.is_file():
        inside_ = sorted(r.shown(x.parent) for x in rules.glob("*/agreement.yaml"))
        hint = f" (did you mean {inside_[0]}?)" if inside_ else " (--rules names one agreement's folder)"
        r.problem(r.shown(path), 1, 1, f"no agreement.yaml in {r.shown(rules)}/{hint}")
    if located is not None:
        place = Place(r.shown(path), located, ())
        agreement = r.validate(model.Agreement, located.data, place.path, located, ())
        if agreement is not None:
            r.project.agreement = agreement
            r.project.places[("agreement", agreement.id)] = place
            r.project.agreement_text = _read_text(r, "rules", agreement.text.file, place.at("text", "file"))
    for file in sorted((rules / "obligations").glob("*.yaml")):
        located = r.read_yaml(file, "rules")
        shown = r.shown(file)
        if not _shaped(r, located, shown, dict, "expected one obligation (a mapping) per file", "obligation"):
            continue
        obligation = r.validate(model.Obligation, located.data, shown, located, ())
        if obligation is not None:
            _register(r, "obligation", obligation, Place(shown, located, ()), r.project.obligations)
        else:
            r.project.failed.add(("obligation", _raw_id(located.data)))


def _load_evidence(r: _Reader, evidence: Path) -> None:
    for name, cls, kind, into in (
        ("sources.yaml", model.Source, "source", r.project.sources),
        ("origins.yaml", model.Origin, "origin", r.project.origins),
    ):
        if (evidence / name).is_file():
            _load_list(r, evidence / name, cls, kind, into)
        else:
            r.problem(r.shown(evidence / name), 1, 1, f"missing {name} in {r.shown(evidence)}/")
            r.project.failed.add((kind, ""))
    if (evidence / "overrides.yaml").is_file():  # optional: analysts' status overrides
        _load_list(r, evidence / "overrides.yaml", model.Override, "override", r.project.overrides)
    for file in sorted((evidence / "items").glob("*.yaml")):
        _load_list(r, file, model.EvidenceItem, "evidence item", r.project.items)
    for source in r.project.sources.values():
        where = r.project.place("source", source.id).at("file")
        r.project.documents[source.id] = _read_text(r, "evidence", source.file, where)


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


def load_project(rules: Path, evidence: Path, policy: Path | None = None) -> tuple[Project, list[Problem]]:
    """Read every file of one agreement's rules and one evidence folder, and the policy."""
    policy = policy or DEFAULT_POLICY
    r = _Reader(Project(), {"rules": rules, "evidence": evidence, "policy": policy.parent})
    for folder, what in ((rules, "rules"), (evidence, "evidence")):
        if not folder.is_dir():
            r.problem(r.shown(folder), 1, 1, f"{what} folder not found{_near_folder(folder)}")
    if rules.is_dir():
        _load_rules(r, rules)
    if evidence.is_dir():
        _load_evidence(r, evidence)
    _load_policy(r, policy)
    return r.project, r.problems
