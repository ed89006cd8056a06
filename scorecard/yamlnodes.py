"""Read YAML into plain data and remember where every value and key stood (line, column).

Why: every problem must point at `path:line:col`. PyYAML's C composer keeps node marks and is
about four times faster than the pure-Python one. Dates stay strings (the models parse them),
so a non-existent date such as 2020-02-30 is a located error rather than a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

Key = tuple[Any, ...]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MAX_DEPTH = 64  # real data nests about 5 deep; libyaml's composer overflows the C stack near 50,000
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Safe loader without the implicit timestamp type (nor `=`, PyYAML's unconstructable "value")."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag.rpartition(":")[2] not in ("timestamp", "value")]
    for ch, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """Plain data from one YAML file, with the position of each value and each mapping key."""

    data: Any
    values: dict[Key, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Key, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its nearest located parent."""
        table = self.keys if key else self.values
        for n in range(len(loc), -1, -1):
            hit = table.get(tuple(loc[:n])) or (self.values.get(tuple(loc[:n])) if key else None)
            if hit:
                return hit
        return (1, 1)


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check_node(node: yaml.Node, seen: set[int]) -> None:
    """Refuse what plain data has no use for: aliases (shared, recursive or exponential) and type tags."""
    if id(node) in seen:
        raise YamlProblem(*_mark(node), "this value is reused through a YAML alias (*name); aliases are not "
                          "supported: write the value out where it is used")
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        what = "merge key '<<'" if tag == "!!merge" else f"YAML tag '{tag}'"
        raise YamlProblem(*_mark(node), f"{what} is not allowed: write plain values")


def _build(loader: _Loader, node: yaml.Node, loc: Key, out: Located, seen: set[int]) -> Any:
    _check_node(node, seen)
    out.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node, loc + ("<key>",), out, seen)
            if isinstance(key, bool):
                raise YamlProblem(*_mark(key_node), f"key '{key_node.value}' reads as the YAML boolean "
                                  f"{str(key).lower()}: quote it")
            if not isinstance(key, (str, int)):
                raise YamlProblem(*_mark(key_node), "mapping keys must be plain names")
            if key in result:
                raise YamlProblem(*_mark(key_node), f"duplicate key '{key}'")
            out.keys[loc + (key,)] = _mark(key_node)
            result[key] = _build(loader, value_node, loc + (key,), out, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, loc + (i,), out, seen) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, str) and (bad := _CONTROL.search(value)):
        raise YamlProblem(*_mark(node), f"control character U+{ord(bad.group()):04X} is not allowed in text")
    return value


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's complaint on one line, saying where an unfinished construct began, and spotting tabs."""
    context, mark = exc.context, exc.problem_mark
    if context and context.startswith("while") and exc.context_mark and mark and exc.context_mark.line != mark.line:
        context += f" (from line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    what = " ".join(str(p) for p in (context, exc.problem) if p)
    lines = text.splitlines()
    if mark and mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t":
        what += " (a tab: indent with spaces)"
    return what


def _position(text: str, char: str) -> tuple[int, int]:
    """Line and column (1-based) of the first `char` in `text`."""
    i = text.find(char)
    return (text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)) if i >= 0 else (1, 1)


def _check_depth(text: str) -> None:
    """Refuse deep nesting from the event stream (flat), before composing (recursive) can crash."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > _MAX_DEPTH:
            mark = event.start_mark
            raise YamlProblem(mark.line + 1, mark.column + 1, f"nested more than {_MAX_DEPTH} levels deep")


def parse_yaml(text: str) -> Located:
    """Parse one YAML document; raise YamlProblem with the position of a syntax error."""
    loader = _Loader(text)
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            return Located(None)
        out = Located(None)
        out.data = _build(loader, node, (), out, set())
        return out
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, col, f"YAML syntax: {_syntax(exc, text)}") from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(*_position(text, chr(exc.character)),
                          f"unprintable character U+{exc.character:04X} is not allowed") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML: {exc}") from None
    finally:
        loader.dispose()
