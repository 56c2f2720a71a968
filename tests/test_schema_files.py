"""Editor completion: the committed schemas are current, and VS Code is set up to use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from process_handbook.adapters.cli import cli
from process_handbook.schema import ROOTS

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"


@pytest.mark.parametrize("kind", sorted(ROOTS))
def test_the_committed_schema_equals_handbook_schema(kind: str) -> None:
    generated = CliRunner().invoke(cli, ["schema", kind])
    assert generated.exit_code == 0
    committed = (SCHEMAS / f"{kind}.schema.json").read_text("utf-8")
    assert committed == generated.output, (
        f"schemas/{kind}.schema.json is out of date: run `handbook schema --out schemas` and commit it"
    )


@pytest.mark.parametrize("kind", sorted(ROOTS))
def test_every_field_explains_itself_in_chinese_and_english(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    records = [schema, *schema["definitions"].values()]
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
    for schema_path in mapping:
        assert (REPO / schema_path).is_file(), schema_path


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_organization_yml_names_its_schema_in_its_first_line() -> None:
    """The modeline wins over settings, so editors without negated globs still pick the right schema."""
    first = (REPO / "processes" / "organization.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/organization.schema.json"
