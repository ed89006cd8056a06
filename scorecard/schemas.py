"""JSON Schemas of every kind of input file, and of the JSON output, for editors and other tools.

Pure: built from the pydantic models that validate the data, so a schema cannot drift from what
`scorecard validate` accepts; `schema/` holds them as committed files and a test keeps them fresh.
Why the schemas are looser than `validate`: they check each file alone (shape, names, types,
patterns), while ids that resolve across files, verbatim quotes and hashes need the whole project.
"""

from __future__ import annotations

from typing import Any

KINDS = ("agreement", "obligation", "examples", "sources", "origins", "items", "policy", "report")
TITLES = {
    "agreement": "An agreement (rules/<agreement>/agreement.yaml)",
    "obligation": "One obligation of an agreement (rules/<agreement>/obligations/<id>.yaml)",
    "examples": "Labelled passages `scorecard ingest` learns from (rules/<agreement>/examples.yaml)",
    "sources": "The source documents (evidence/sources.yaml)",
    "origins": "The origins of claims (evidence/origins.yaml)",
    "items": "Evidence items quoting one source (evidence/items/<source>.yaml)",
    "policy": "A scoring policy (scorecard/policy.yaml, or --policy FILE)",
    "report": "The output of `scorecard score --format json`",
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    from pydantic import BaseModel, TypeAdapter

    from scorecard import model
    from scorecard.results import Report

    target: Any = {
        "agreement": model.Agreement,
        "obligation": model.Obligation,
        "examples": list[model.Example],
        "sources": list[model.Source],
        "origins": list[model.Origin],
        "items": list[model.EvidenceItem],
        "policy": model.Policy,
        "report": Report,
    }[kind]
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind]}
    found = TypeAdapter(target).json_schema()
    models = {c.__name__: c for c in vars(model).values() if isinstance(c, type) and issubclass(c, BaseModel)}
    for name, definition in [(getattr(target, "__name__", ""), found), *found.get("$defs", {}).items()]:
        if name in models:
            _describe(definition, _docstrings(models[name]))
    out.update(found)
    out["title"] = TITLES[kind]
    return out


def _describe(definition: dict[str, Any], docs: dict[str, str]) -> None:
    """Each property's description from its field's docstring, where it has none, keys in order
    (as pydantic writes a description it has)."""
    for name, prop in definition.get("properties", {}).items():
        if name in docs and "description" not in prop:
            prop["description"] = docs[name]
            definition["properties"][name] = dict(sorted(prop.items()))


def _docstrings(cls: type) -> dict[str, str]:
    """Each field's docstring: the string that follows its annotation in the class body, in the
    class or a base.

    Why read here, not by pydantic (`use_attribute_docstrings`): pydantic reads them while each
    model is built, at every start of the CLI (a tenth of the start-up); only schemas need them."""
    import ast
    import inspect
    import textwrap

    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ != cls.__module__:
            continue
        body = ast.parse(textwrap.dedent(inspect.getsource(klass))).body[0]
        assert isinstance(body, ast.ClassDef)
        for field, after in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs
