"""The export follows the DESIGN.md contract; the published JSON Schema matches the models."""

import json
from pathlib import Path

from click.testing import CliRunner

from lexom_learning.cli import cli
from lexom_learning.modules import load_course
from lexom_learning.modules.markdown import render_markdown
from lexom_learning.modules.schema import FILE_MODELS

ROOT = Path(__file__).resolve().parents[2]


def test_export_has_the_contract_keys(minimal_copy):
    result = CliRunner().invoke(cli, ["content", "export", str(minimal_copy)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {
        "id",
        "ref",
        "title",
        "days",
        "hours",
        "objectives",
        "modules",
        "live_quizzes",
        "roleplays",
        "evaluations",
        "attestation",
    } <= set(data)
    module = data["modules"][0]
    assert {"id", "title", "objectives", "minutes", "units", "quizzes"} <= set(module)
    assert {"id", "title", "body_markdown", "covers"} <= set(module["units"][0])
    quiz = module["quizzes"][0]
    assert {"id", "title", "questions"} <= set(quiz)
    assert quiz["questions"][1]["answer"] == 15
    roleplay = data["roleplays"][0]
    assert {"id", "module", "title", "minutes", "context", "roles", "grid", "debrief"} <= set(
        roleplay
    )
    assert roleplay["grid"][0]["levels"]["1"] == "Aucun lien"
    assert set(data["evaluations"]) == {"positioning", "hot", "cold"}
    assert [q["id"] for q in data["evaluations"]["hot"]["questions"]] == [
        "pos-q1",
        "hot-q1",
        "sat-q1",
    ]
    assert data["attestation"]["rule"] == "session_closed and half_days_attended >= 1"
    assert data["attestation"]["thresholds"] == {"acquired": 75.0, "in_progress": 50.0}


def test_export_command_fails_cleanly_on_invalid_content(minimal_copy):
    (minimal_copy / "course.yaml").write_text("id: [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["content", "export", str(minimal_copy)])
    assert result.exit_code == 1
    assert "course.yaml:1" in result.output and "Traceback" not in result.output


def test_version_changes_with_content(minimal_copy):
    before = load_course(minimal_copy).version
    unit = minimal_copy / "modules/m1/units/01.md"
    unit.write_text(unit.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    assert load_course(minimal_copy).version != before


def test_published_json_schema_is_up_to_date():
    for name, model in FILE_MODELS.items():
        published = json.loads((ROOT / "docs/content-schema" / f"{name}.schema.json").read_text())
        assert published == json.loads(json.dumps(model.model_json_schema())), (
            f"docs/content-schema/{name}.schema.json is stale: run "
            "`lexom content schema docs/content-schema`"
        )


def test_markdown_is_rendered_and_sanitised(minimal_copy):
    html = load_course(minimal_copy).unit("m1-u1").html()
    assert "<strong>indicateur</strong>" in html
    assert "<table>" in html
    assert "<script>" not in html
    assert 'href="javascript' not in render_markdown("[x](javascript:alert(1))")
