"""Cache keys name everything an entry depends on: change any part and the entry is a miss.

Parsed YAML depends on the parser (PyYAML, and libyaml when it parses); a typeset part of the PDF
on WeasyPrint and the libraries and fonts that set its text.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from scorecard import yamlnodes
from scorecard.cache import Cache
from scorecard.pipeline import load_and_check
from tests.conftest import EVIDENCE, RULES, yaml_files_read


@pytest.fixture()
def data(tmp_path):
    rules, evidence = tmp_path / "rules" / "doha-2020", tmp_path / "evidence"
    shutil.copytree(RULES, rules)
    shutil.copytree(EVIDENCE, evidence)
    return rules, evidence


def test_the_parser_named_is_the_one_that_parses():
    assert f"PyYAML {yaml.__version__} " in yamlnodes.PARSER
    if yaml.__with_libyaml__:
        from yaml import _yaml

        assert yamlnodes.PARSER.endswith(f"libyaml {_yaml.get_version_string()}")
    else:  # pragma: no cover - PyYAML built without libyaml
        assert yamlnodes.PARSER.endswith("pure Python")


def test_another_parser_never_meets_the_entries_of_this_one(data, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    load_and_check(*data, cache=Cache(folder))
    again = Cache(folder)
    load_and_check(*data, cache=again)
    assert again.misses == 0
    pyyaml, libyaml = yaml.__version__, "0.2.5"
    others = {
        "another PyYAML": yamlnodes.describe_parser(pyyaml + ".1", libyaml),
        "no libyaml": yamlnodes.describe_parser(pyyaml, None),
        "another libyaml": yamlnodes.describe_parser(pyyaml, "0.2.4"),
    }
    assert len({yamlnodes.PARSER, *others.values()}) == 4
    for why, parser in others.items():
        monkeypatch.setattr(yamlnodes, "PARSER", parser)
        cache = Cache(folder)
        project, problems = load_and_check(*data, cache=cache)
        assert not problems, why
        # every YAML file parsed again; the quotes' places and the checks do not depend on the parser
        assert cache.misses == yaml_files_read(*data), why


def _kept_facts(kept, setting, folder):
    from scorecard.render.parts import Facts, Part

    part = Part(0, "<p>one part</p>", 15)
    writer = kept.KeptParts(Cache(folder), "<head>", "p {}", "000", "2020-01-01T00:00:00Z", "a", setting)
    writer.keep_facts(part, Facts(3, {"a": 0}, {"title": "x"}, False))

    def found(changed: dict[str, str]) -> bool:
        reader = kept.KeptParts(Cache(folder), "<head>", "p {}", "000", "2020-01-01T00:00:00Z", "a", changed)
        return reader.facts(part) is not None

    return found


def test_a_typeset_part_is_kept_under_every_library_and_font_that_sets_it(tmp_path):
    kept = pytest.importorskip("scorecard.render.kept", exc_type=ImportError)
    setting = kept.typesetting_parts()
    named = {
        "weasyprint",
        "pydyf",
        "fonttools",
        "pango",
        "harfbuzz",
        "harfbuzz-subset",
        "fontconfig",
        "fonts",
    }
    assert named <= setting.keys()
    assert setting["weasyprint"][:2].isdigit()
    found = _kept_facts(kept, setting, tmp_path / "cache")
    assert found(dict(setting))
    for name in sorted(setting):
        assert not found({**setting, name: setting[name] + " other"}), name
    # the first PDF made before libharfbuzz-subset was installed differed from every later one
    assert not found({**setting, "harfbuzz-subset": "-"})


def test_the_c_libraries_are_named_with_their_versions():
    kept = pytest.importorskip("scorecard.render.kept", exc_type=ImportError)
    setting = kept.typesetting_parts()
    for name in ("pango", "harfbuzz", "fontconfig"):
        library, _, version = setting[name].partition(" ")
        assert library.startswith("lib") and version[:1].isdigit(), (name, setting[name])
