"""Input schemas for editors: committed under schema/, fresh, described, and passed by the shipped files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import EVIDENCE, ROOT, RULES

from scorecard.load import DEFAULT_POLICY
from scorecard.schemas import KINDS, schema

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = ROOT / "schema"


def _locked(package: str) -> str | None:
    """The version uv.lock pins for `package`."""
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    m = re.search(rf'\[\[package\]\]\nname = "{package}"\nversion = "([^"]+)"', lock)
    return m.group(1) if m else None


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_fresh(kind, request):
    import pydantic

    if _locked("pydantic") != pydantic.VERSION:  # the schemas are written by the locked pydantic
        pytest.skip(
            f"pydantic {pydantic.VERSION} is not the locked {_locked('pydantic')}, whose output is committed"
        )
    text = json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
    if request.config.getoption("--update-golden"):
        (SCHEMA / f"{kind}.json").write_text(text, encoding="utf-8")
    assert (SCHEMA / f"{kind}.json").read_text(encoding="utf-8") == text, (
        "refresh with pytest --update-golden"
    )


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "report"])
def test_every_input_field_carries_a_description(kind):
    s = schema(kind)
    for name, d in s.get("$defs", {}).items():
        for field, spec in d.get("properties", {}).items():
            assert spec.get("description"), f"{kind}: {name}.{field} has no description"


class Yaml12(yaml.SafeLoader):
    """As an editor's YAML 1.2 reader sees the files: dates stay strings."""


Yaml12.yaml_implicit_resolvers = {
    c: [(t, r) for t, r in rs if not t.endswith(":timestamp")]
    for c, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json(value):
    """Mapping keys as JSON has them (strings)."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def shipped() -> list[tuple[str, Path]]:
    files = [
        ("agreement", RULES / "agreement.yaml"),
        ("sources", EVIDENCE / "sources.yaml"),
        ("origins", EVIDENCE / "origins.yaml"),
        ("policy", DEFAULT_POLICY),
        ("examples", RULES / "examples.yaml"),
    ]
    files += [("obligation", f) for f in sorted((RULES / "obligations").glob("*.yaml"))]
    files += [("items", f) for f in sorted((EVIDENCE / "items").glob("*.yaml"))]
    return files


@pytest.mark.parametrize("kind,path", shipped(), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_shipped_files_pass_their_schema_as_an_editor_reads_them(kind, path):
    data = _json(yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12))
    validator = jsonschema.Draft202012Validator(schema(kind), format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors


def test_schema_refuses_what_validate_refuses():
    """A sample of mistakes the schema catches in the editor, before `validate` runs."""
    validator = jsonschema.Draft202012Validator(schema("items"), format_checker=jsonschema.FormatChecker())
    good = _json(yaml.load((sorted((EVIDENCE / "items").glob("*.yaml"))[0]).read_text(), Loader=Yaml12))
    bad = [dict(good[0], stance="breach"), dict(good[0], credibility=1), dict(good[0], event_date="2020-13")]
    for item in bad:
        assert list(validator.iter_errors([item])), item


@pytest.mark.parametrize("kind,path", shipped(), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_shipped_files_point_editors_at_their_schema(kind, path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), path
    assert (path.parent / first.split("=", 1)[1]).resolve() == (SCHEMA / f"{kind}.json").resolve()


def test_the_cli_offers_every_kind_of_schema():
    from scorecard.cli.data import SchemaKind

    assert [k.value for k in SchemaKind] == list(KINDS)
