"""Read YAML into plain data and remember where every value and key stood (line, column).

Why: every problem must point at `path:line:col`. The data is built in one pass straight from
the C parser's events (PyYAML's C parser is about four times faster than the pure-Python one),
without recursion, so nesting is checked as it happens and never costs a second parse. Dates stay
strings (the models parse them), so a non-existent date such as 2020-02-30 is a located error
rather than a crash.

Problems that leave the rest of the file readable (a value that is not a valid number, a
duplicate key, an alias, a type tag, a control character) are collected and reading goes on:
the value becomes None and its place is remembered in `Located.bad`, so that the schema check
does not report it a second time. Syntax errors and excessive nesting end the file.

Positions cost as much as the data, and are needed only to report a problem: a file is first
read by a lean pass that keeps no positions and gives up at the first thing it would have to
report; only then, or when a later check asks where something stands, is the file read again
by the full pass, which yields the same data with every position and every problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from scorecard.positions import YamlProblem, line_starts, position

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Base  # type: ignore[assignment]


def describe_parser(pyyaml: str, libyaml: str | None) -> str:
    """The parser as a cache key names it: PyYAML's version, and libyaml's when it parses."""
    return f"PyYAML {pyyaml} " + (f"libyaml {libyaml}" if libyaml is not None else "pure Python")


def _libyaml() -> str | None:
    """libyaml's version when it does the parsing (the C loader), else None."""
    if _Base is yaml.SafeLoader:  # pragma: no cover - PyYAML built without libyaml
        return None
    from yaml import _yaml

    return _yaml.get_version_string()


# Parsed data in the cache is named by this too: another PyYAML or libyaml may build other data
# from the same bytes (a resolver's rule, a bug fixed), and the entry must then be a miss.
PARSER = describe_parser(yaml.__version__, _libyaml())
Key = tuple[Any, ...]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MAX_DEPTH = 64  # real data nests about 5 deep; libyaml refuses 1,000 (since 0.2.6) with its own words
_MAX_NUMBER = (
    1000  # characters of a number: past this an int is slow to build (and Python refuses 4,300 digits)
)
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null")}
_TYPE_WORDS = {"int": "an integer", "float": "a number", "bool": "a boolean (true or false)", "null": "null"}


class _Loader(_Base):
    """Safe loader without the implicit timestamp type (nor `=`, PyYAML's unconstructable "value")."""


class _PyLoader(yaml.SafeLoader):
    """The pure-Python parser: used only to re-check the nesting depth where libyaml gave up."""


for _cls, _base in ((_Loader, _Base), (_PyLoader, yaml.SafeLoader)):
    _cls.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag.rpartition(":")[2] not in ("timestamp", "value")]
        for ch, resolvers in _base.yaml_implicit_resolvers.items()
    }


@dataclass
class Located:
    """Plain data from one YAML file, with the position of each value and each mapping key.

    `problems` lists what is wrong in the file; `bad` holds the places whose value was replaced by
    None because of one of them; `data` is None when the file could not be read to its end.
    A file read by the lean pass keeps its `text`, and its positions are found when first asked for.
    """

    data: Any
    _values: dict[Key, tuple[int, int]] = field(default_factory=dict)
    _keys: dict[Key, tuple[int, int]] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    bad: set[Key] = field(default_factory=set)
    complete: bool = True
    # Set while the positions are still to be found: the text, or its UTF-8 bytes (a file taken
    # from the cache, which decoded cleanly when it was first parsed, is decoded only if asked).
    text: str | bytes | None = None

    @property
    def values(self) -> dict[Key, tuple[int, int]]:
        self._positions()
        return self._values

    @property
    def keys(self) -> dict[Key, tuple[int, int]]:
        self._positions()
        return self._keys

    def _positions(self) -> None:
        if self.text is not None:
            full = _parse_full(self.text.decode("utf-8") if isinstance(self.text, bytes) else self.text)
            self._values, self._keys, self.text = full._values, full._keys, None

    def where(self, loc: Key, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its nearest located parent."""
        table = self.keys if key else self.values
        for n in range(len(loc), -1, -1):
            hit = table.get(tuple(loc[:n])) or (self.values.get(tuple(loc[:n])) if key else None)
            if hit:
                return hit
        return (1, 1)

    def spoilt(self, loc: Key) -> bool:
        """True if `loc` or a place that holds it was replaced because of a problem already reported."""
        return any(tuple(loc[:n]) in self.bad for n in range(len(loc) + 1)) if self.bad else False


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _short(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:37] + "...")


class _Frame:
    """A mapping or list being built: its place, and for a mapping the key awaiting its value."""

    __slots__ = ("value", "loc", "is_map", "key", "key_ok", "as_key", "start")

    def __init__(self, value: Any, loc: Key, as_key: bool, start: Any):
        self.value, self.loc, self.is_map = value, loc, isinstance(value, dict)
        self.as_key, self.start = as_key, start
        self.key: Any = None
        self.key_ok: bool | None = None  # None: the next node is a key


class _Builder:
    """Plain data from the parser's events, with an explicit stack (no recursion)."""

    def __init__(self, loader: _Loader, out: Located):
        self.loader, self.out = loader, out
        self.stack: list[_Frame] = []
        self.anchors: dict[str, Any] = {}
        self.last_end: Any = None  # end mark of the last event, for the depth re-check
        self.text = ""  # the last scalar as written

    def problem(self, mark: Any, message: str, loc: Key | None = None) -> None:
        self.out.problems.append(YamlProblem(*_mark(mark), message))
        if loc is not None:
            self.out.bad.add(loc)

    def next(self) -> Any:
        event = self.loader.get_event()
        if event is not None:
            self.last_end = event.end_mark
        return event

    def run(self) -> Any:
        self.next()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        self.next()  # document start
        root = self.node(self.next(), (), False)
        while self.stack:
            event = self.next()
            top = self.stack[-1]
            if isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()
                root = self.place(top.value, top.start, top.as_key, collection=True)
            else:
                loc = self.child_loc(top)
                self.node(event, loc, top.is_map and top.key_ok is None)
        self.next()  # document end
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                None,
                "but found another document",
                event.start_mark,
            )
        return root

    def child_loc(self, top: _Frame) -> Key:
        if not top.is_map:
            return top.loc + (len(top.value),)
        if top.key_ok is None:
            return top.loc + ("<key>",)
        return top.loc + ((top.key,) if top.key_ok else ("<not a key>",))

    def node(self, event: Any, loc: Key, as_key: bool) -> Any:
        """Start or build the node `event` begins; return its value if it is complete already."""
        mark = event.start_mark
        if not as_key:
            self.out._values[loc] = _mark(mark)
        if isinstance(event, yaml.AliasEvent):
            anchor = self.anchors.get(event.anchor or "", mark)
            self.problem(
                anchor,
                "this value is reused through a YAML alias (*name); aliases are not supported: "
                "write the value out where it is used",
                loc,
            )
            return self.place(None, mark, as_key)
        if event.anchor is not None:
            self.anchors.setdefault(event.anchor, mark)
        tag = event.tag
        if isinstance(event, yaml.ScalarEvent):
            if tag is None or tag == "!":
                tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag not in _SCALAR_TAGS:
                return self.place(self.refuse_tag(tag, mark, loc), mark, as_key)
            self.text = event.value
            return self.place(self.scalar(event, tag, loc), mark, as_key)
        if len(self.stack) >= _MAX_DEPTH:
            raise YamlProblem(*_mark(mark), f"nested more than {_MAX_DEPTH} levels deep")
        kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, None, event.implicit)
        if tag != _YAML + ("map" if kind is yaml.MappingNode else "seq"):
            self.refuse_tag(tag, mark, loc)
        self.stack.append(_Frame({} if kind is yaml.MappingNode else [], loc, as_key, mark))
        return None

    def refuse_tag(self, tag: str, mark: Any, loc: Key) -> Any:
        """Report a type tag; the value becomes None."""
        tag = tag.replace(_YAML, "!!")
        what = "merge key '<<'" if tag == "!!merge" else f"YAML tag '{tag}'"
        self.problem(mark, f"{what} is not allowed: write plain values", loc)
        return None

    def scalar(self, event: Any, tag: str, loc: Key) -> Any:
        text, kind = event.value, tag.rpartition(":")[2]
        explicit = event.tag not in (None, "!")
        if kind in ("int", "float") and len(text) > _MAX_NUMBER:
            self.problem(
                event.start_mark,
                f"a number {len(text)} characters long: no value here needs more "
                f"than {_MAX_NUMBER}" + ("" if explicit else " (quote it if it is text)"),
                loc,
            )
            return None
        try:
            value = self.loader.yaml_constructors[tag](
                self.loader, yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            )
        except Exception:  # noqa: BLE001 - PyYAML's constructors raise ValueError, IndexError, KeyError...
            what = _TYPE_WORDS.get(kind, kind)
            if explicit:
                message = f"{_short(text)} is tagged !!{kind} but is not {what}"
            else:
                message = (
                    f"{_short(text)} looks like {what} to YAML but is not a valid one: quote it if it is text"
                )
            self.problem(event.start_mark, message, loc)
            return None
        if isinstance(value, str) and (bad := _CONTROL.search(value)):
            self.problem(
                event.start_mark, f"control character U+{ord(bad.group()):04X} is not allowed in text", loc
            )
            return None
        return value

    def place(self, value: Any, mark: Any, as_key: bool, collection: bool = False) -> Any:
        """Put a finished value into the collection being built (as a key or as a value)."""
        if not self.stack:
            return value
        top = self.stack[-1]
        if not top.is_map:
            top.value.append(value)
        elif as_key:
            top.key, top.key_ok = value, self.check_key(value, mark, top, collection)
            if top.key_ok:
                self.out._keys[top.loc + (value,)] = _mark(mark)
        else:
            if top.key_ok:
                top.value[top.key] = value
            top.key, top.key_ok = None, None
        return value

    def check_key(self, key: Any, mark: Any, top: _Frame, collection: bool) -> bool:
        if top.loc + ("<key>",) in self.out.bad:  # an alias or a tag: already reported
            self.out.bad.discard(top.loc + ("<key>",))
            return False
        if isinstance(key, bool):
            self.problem(mark, f"key '{self.text}' reads as the YAML boolean {str(key).lower()}: quote it")
        elif collection or not isinstance(key, (str, int)):
            self.problem(mark, "mapping keys must be plain names")
        elif key in top.value:
            self.problem(mark, f"duplicate key '{key}'")
        else:
            return True
        return False


def _syntax(exc: yaml.MarkedYAMLError, text: str, starts: list[int]) -> str:
    """PyYAML's complaint on one line, saying where an unfinished construct began, and spotting tabs."""
    context, mark = exc.context, exc.problem_mark
    if (
        context
        and context.startswith("while")
        and exc.context_mark
        and mark
        and exc.context_mark.line != mark.line
    ):
        context += f" (from line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    what = " ".join(str(p) for p in (context, exc.problem) if p)
    if mark and mark.line < len(starts) and text[starts[mark.line] + mark.column :][:1] == "\t":
        what += " (a tab: indent with spaces)"
    return what


def _too_deep(text: str, builder: _Builder, error_mark: Any, starts: list[int]) -> YamlProblem | None:
    """Where nesting passed the limit before libyaml's error, if it did; libyaml's words are not relied on.

    libyaml reads ahead of the events it has delivered, so its own depth limit (or any error) can
    come before the events reach our limit. Between the last event delivered and the error, each
    new level needs one of `[{-:?`; only if there are enough of them is the text parsed again,
    with the pure-Python parser, to find the first node nested too deep.
    """
    depth = len(builder.stack)
    last = builder.last_end
    begin = starts[last.line] + last.column if last is not None and last.line < len(starts) else 0
    end = starts[min(error_mark.line, len(starts) - 1)] + error_mark.column + 1
    window = text[begin:end]
    if sum(window.count(c) for c in "[{-:?") < _MAX_DEPTH - depth:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_PyLoader):
            start = event.start_mark
            if start is not None and (start.line, start.column) > (error_mark.line, error_mark.column):
                return None
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > _MAX_DEPTH:
                return YamlProblem(*_mark(event.start_mark), f"nested more than {_MAX_DEPTH} levels deep")
    except yaml.YAMLError:
        return None
    return None


def parse_yaml(text: str) -> Located:
    """Parse one YAML document. Every problem is in the result's `problems`, with its position."""
    data = _lean(text)
    if data is not _GAVE_UP:
        return Located(data, text=text)
    return _parse_full(text)


_GAVE_UP = object()
_PLAIN_TAGS: dict[
    str, str
] = {}  # plain scalar → its resolved tag (the names and numbers of data files repeat)


_STR_TAG = _YAML + "str"


def _lean(text: str) -> Any:
    """The data of a file with nothing to report, without positions; _GAVE_UP at anything to report.

    Exactly the data `_parse_full` builds when it finds no problem (tested on every file shipped and
    on generated ones), with one step per parser event and nothing remembered but the data.
    """
    loader = _Loader(text)
    try:
        return _lean_events(loader)
    except yaml.YAMLError:
        return _GAVE_UP
    finally:
        loader.dispose()


def _lean_events(loader: Any) -> Any:
    """The parser's events built into data (see _lean)."""
    get = loader.get_event
    scalar_event, start_map, start_seq = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    # one frame per open collection: [container, is a mapping, key awaiting its value or _GAVE_UP]
    stack: list[list[Any]] = []
    event: Any  # the parser's events are typed loosely
    get()  # stream start
    event = get()
    if type(event) is yaml.StreamEndEvent:
        return None
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            value = _lean_scalar(loader, event)
            if value is _GAVE_UP:
                return _GAVE_UP
        elif kind is start_map or kind is start_seq:
            if (event.tag is not None and event.tag != "!") or len(stack) >= _MAX_DEPTH:
                return _GAVE_UP
            stack.append([{} if kind is start_map else [], kind is start_map, _GAVE_UP])
            continue
        elif kind in end_events:
            value = stack.pop()[0]
            if stack and stack[-1][1] and stack[-1][2] is _GAVE_UP:
                return _GAVE_UP  # a collection as a mapping key
        else:
            return _GAVE_UP  # an alias, or anything unexpected
        if not stack:
            break
        if _lean_add(stack[-1], value) is _GAVE_UP:
            return _GAVE_UP
    get()  # document end
    if type(get()) is not yaml.StreamEndEvent:
        return _GAVE_UP
    return value


def _lean_scalar(loader: Any, event: Any) -> Any:
    """A scalar event's value as the full pass builds it, or _GAVE_UP (a tag, control characters,
    a value the full pass would report)."""
    tag, value = event.tag, event.value
    if tag is not None and tag != "!":
        return _GAVE_UP  # an explicit type tag
    if not event.implicit[0]:
        tag = _STR_TAG  # quoted or folded: text
    else:
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
            if len(_PLAIN_TAGS) < 100_000:
                _PLAIN_TAGS[value] = tag
    if tag == _STR_TAG:
        return _GAVE_UP if _CONTROL.search(value) else value
    if tag in _SCALAR_TAGS and len(value) <= _MAX_NUMBER:
        try:
            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
            return loader.yaml_constructors[tag](loader, node)
        except Exception:  # noqa: BLE001 - as in the full pass: reported there
            return _GAVE_UP
    return _GAVE_UP


def _lean_add(top: list[Any], value: Any) -> Any:
    """Put `value` into the open collection `top` (see _lean_events); _GAVE_UP for a key that is
    not a plain name or is repeated."""
    if not top[1]:
        top[0].append(value)
    elif top[2] is _GAVE_UP:  # a key
        if type(value) is not str and (type(value) is not int) or value in top[0]:
            return _GAVE_UP  # not a plain name (a boolean, a number with a point, null), or repeated
        top[2] = value
    else:
        top[0][top[2]] = value
        top[2] = _GAVE_UP
    return None


def _parse_full(text: str) -> Located:
    """Parse one YAML document, remembering every position and collecting every problem."""
    out = Located(None)
    loader = _Loader(text)
    builder = _Builder(loader, out)
    try:
        out.data = builder.run()
        return out
    except YamlProblem as exc:
        out.problems.append(exc)
    except yaml.MarkedYAMLError as exc:
        starts = line_starts(text)
        mark = exc.problem_mark or exc.context_mark
        deeper = _too_deep(text, builder, mark, starts) if mark else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        out.problems.append(deeper or YamlProblem(line, col, f"YAML syntax: {_syntax(exc, text, starts)}"))
    except yaml.reader.ReaderError as exc:
        index = text.find(chr(exc.character))
        where = position(line_starts(text), index) if index >= 0 else (1, 1)
        out.problems.append(
            YamlProblem(*where, f"unprintable character U+{exc.character:04X} is not allowed")
        )
    except yaml.YAMLError as exc:
        out.problems.append(YamlProblem(1, 1, f"YAML: {exc}"))
    finally:
        loader.dispose()
    out.data, out.complete = None, False
    return out
