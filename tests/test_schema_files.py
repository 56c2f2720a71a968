"""Editor completion: the committed schemas are current, and VS Code is set up to use them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from process_handbook.adapters.cli import SCHEMA_KINDS, cli
from process_handbook.adapters.mkdocs_config import OPTION_SCHEMAS, HandbookConfig
from process_handbook.validation import LevelError, levels, rules

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_the_committed_schema_equals_handbook_schema(kind: str) -> None:
    generated = CliRunner().invoke(cli, ["schema", kind])
    assert generated.exit_code == 0
    committed = (SCHEMAS / f"{kind}.schema.json").read_text("utf-8")
    assert committed == generated.output, (
        f"schemas/{kind}.schema.json is out of date: run `handbook schema --out schemas` and commit it"
    )


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_field_explains_itself_in_chinese_and_english(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    records = (
        [schema, *schema["definitions"].values()]
        if kind != "plugin"
        else [schema["definitions"]["options"]]
    )
    for record in records:
        for name, field in record["properties"].items():
            zh, _, en = field["markdownDescription"].partition("\n\n")
            assert any("\u4e00" <= c <= "\u9fff" for c in zh), (name, zh)
            assert en[:1].isascii() and en[:1].isalpha(), (name, en)  # English after a blank line
            assert field["description"] == field["markdownDescription"]


def test_vscode_maps_process_files_and_organization_to_their_schemas() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    process = mapping["./schemas/process.schema.json"]
    assert {"processes/**/*.yml", "processes/**/*.yaml", "!processes/organization.yml"} <= set(
        process
    )
    assert mapping["./schemas/organization.schema.json"] == ["processes/organization.yml"]
    assert mapping["./schemas/plugin.schema.json"] == ["mkdocs.yml"]
    assert "!ENV scalar" in settings["yaml.customTags"]  # as mkdocs.yml writes `today`
    for schema_path in mapping:
        assert (REPO / schema_path).is_file(), schema_path


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_organization_yml_names_its_schema_in_its_first_line() -> None:
    """The modeline wins over settings, so editors without negated globs still pick the right schema."""
    first = (REPO / "processes" / "organization.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/organization.schema.json"


def plugin_schema() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / "plugin.schema.json").read_text()))


def entry(**options: object) -> dict[str, object]:
    """mkdocs.yml with the plugin's entry holding `options`."""
    return {"site_name": "x", "plugins": ["search", {"process-handbook": options}]}


def test_the_plugin_schema_lists_every_option() -> None:
    assert set(OPTION_SCHEMAS) == {name for name, _ in HandbookConfig._schema}


def test_the_sample_mkdocs_yml_meets_the_plugin_schema() -> None:
    from mkdocs.utils.yaml import yaml_load

    with (REPO / "mkdocs.yml").open("rb") as config:
        data = yaml_load(config)
    plugin_schema().validate(data)
    assert any("process-handbook" in p for p in data["plugins"] if isinstance(p, dict))


def test_the_plugin_schema_refuses_what_the_plugin_refuses() -> None:
    schema = plugin_schema()
    assert schema.is_valid(entry(language="en", today="2026-11-23", mermaid_version="12.3.0"))
    assert schema.is_valid({"plugins": {"process-handbook": {"processes_dir": "p"}}})
    assert not schema.is_valid(entry(language="fr"))
    assert not schema.is_valid(entry(processes=["p"]))  # no such option
    assert not schema.is_valid(entry(rules={"no-such-code": "off"}))


@pytest.mark.parametrize("word", ["error", "warning", "off", False, "loud", None])
def test_the_rules_schema_allows_exactly_the_levels_a_handbook_may_set(word: object) -> None:
    """Each code takes in the editor exactly the levels `handbook validate` and the build take."""
    schema = plugin_schema()
    for rule in rules():
        try:
            levels({rule.code: word})
        except LevelError:
            allowed = False
        else:
            allowed = True
        assert schema.is_valid(entry(rules={rule.code: word})) is allowed, (rule.code, word)


def test_the_plugin_schema_knows_the_prefix_and_mkdocs_own_enabled() -> None:
    schema = plugin_schema()
    assert schema.is_valid(entry(prefix="handbook/", enabled=False))
    assert not schema.is_valid(entry(enabled="no"))
