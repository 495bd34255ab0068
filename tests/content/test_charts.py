"""The ```chart block: checked with file:line errors, drawn as accessible inline SVG, shipped."""

import re
import shutil

import pytest

from lexom_learning.modules.chart import (
    ChartError,
    chart_html,
    chart_problems,
    parse_chart,
    scale,
)
from lexom_learning.modules.loader import check_course
from lexom_learning.modules.markdown import prompt_html, render_markdown, split_prompt
from lexom_learning.modules.problems import ContentError
from lexom_learning.web.headers import CSP
from tests.content.helpers import COURSE_DIR, question_sets

N, S = "\u202f", "\u00a0"
TREND = """type: line
title: Chiffre d'affaires mensuel
unit: k€
x: [juil., août, sept., oct.]
series:
  - name: Réalisé
    values: [1180.5, 1210, 1195, 1260]
  - name: Objectif
    values: [1200, 1200, 1200, 1200]
"""


def fenced(source: str) -> str:
    return f"Lisez le graphique :\n\n```chart\n{source}```\n\nQue concluez-vous ?\n"


def test_a_chart_is_an_accessible_figure_with_its_data_table():
    html = chart_html(TREND)
    assert html.startswith('<figure class="chart"><svg ') and html.endswith("</figure>")
    ident = re.search(r'aria-labelledby="(chart-\w+)-t \1-d"', html).group(1)
    assert 'role="img"' in html
    assert f'<title id="{ident}-t">Chiffre d’affaires mensuel</title>' in html
    assert f'<desc id="{ident}-d">Courbe{S}: Réalisé, Objectif, de juil. à oct.' in html
    table = html[html.index('<details class="chart-data">') :]
    assert "<summary>Données du graphique</summary>" in table
    assert '<th scope="col">Réalisé (k€)</th>' in table
    assert f'<th scope="row">juil.</th><td>1{N}180,5</td><td>1{N}200</td>' in table
    assert f"<title>Réalisé, sept.{S}: 1{N}195{S}k€</title>" in html  # hover tip per point
    assert html.count("<circle ") == 8 and html.count("<polyline ") == 2


def test_a_chart_passes_the_content_security_policy():
    """No script, no event handler, no style attribute (colours are SVG attributes)."""
    assert CSP["script-src"] == "'self'"
    html = render_markdown(fenced(TREND.replace("Réalisé", "<script>alert(1)</script>")))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"\son\w+=", html) and " style=" not in html
    assert "javascript:" not in html


def test_bars_start_from_zero_and_the_axis_is_readable():
    assert scale([800, 1150, 620], from_zero=True) == (0, 1250, 250)
    assert scale([1180.5, 1260], from_zero=False) == (1180, 1260, 20)
    html = chart_html(TREND.replace("type: line", "type: bar"))
    assert html.count("<rect ") == 8 + 2  # 4 months × 2 series, and 2 legend keys
    assert f">1{N}250<" not in html and f">1{N}260<" in html


def test_markdown_draws_the_chart_and_an_invalid_block_stays_code():
    html = render_markdown(fenced(TREND))
    assert html.count("<svg ") == 1 and "Lisez le graphique&nbsp;:" in html
    broken = render_markdown(fenced("type: pie\ntitle: x\n"))
    assert "<svg" not in broken and "<pre><code>type: pie" in broken


def test_a_prompt_puts_its_chart_beside_the_question():
    text, figure = split_prompt(fenced(TREND))
    assert text == "Lisez le graphique : Que concluez-vous ?"
    assert figure.startswith("```chart") and figure.endswith("```")
    label, block = prompt_html(fenced(TREND))
    assert "<svg" not in label and block.count("<svg ") == 1


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("type: pie\ntitle: x\n", 0, "type must be one of bar, line"),
        ("type: bar\ncolour: red\n", 1, "unknown key 'colour'"),
        ("type: bar\ntitle: T\nx: [a]\n", 2, "x must list 2 to 24 labels"),
        (TREND.replace("1180.5, ", ""), 4, "series 1 has 3 values for 4 labels"),
        (TREND.replace("1180.5", "beaucoup"), 4, "series 1: values must be numbers"),
        ("type: bar\ntitle: [\n", 2, "invalid YAML"),
        ("- a\n- b\n", 0, "a chart is a mapping"),
    ],
)
def test_a_broken_chart_says_where_and_why(source, line, message):
    with pytest.raises(ChartError) as caught:
        parse_chart(source)
    assert caught.value.line == line and message in caught.value.message
    assert chart_problems(fenced(source)) == [(3 + line, f"chart: {caught.value.message}")]


def test_content_check_refuses_a_broken_chart_at_its_file_and_line(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(COURSE_DIR, root)
    unit = sorted((root / "modules" / "m2" / "units").glob("*.md"))[0]
    body = unit.read_text(encoding="utf-8")
    unit.write_text(body + "\n" + fenced("type: pie\ntitle: Parts\n"), encoding="utf-8")
    fence_line = len((body + "\n").splitlines()) + 3  # the fence's line, 1-based
    hot = root / "evaluations" / "hot.yaml"
    text = hot.read_text(encoding="utf-8")
    hot.write_text(text.replace("type: bar\n", "type: camembert\n", 1), encoding="utf-8")
    hot_line = text[: text.index("type: bar\n")].count("\n") + 1
    with pytest.raises(ContentError) as caught:
        check_course(root)
    found = {str(p) for p in caught.value.problems if "chart:" in p.message}
    rel = unit.relative_to(root).as_posix()
    assert f"{rel}:{fence_line + 1}: chart: type must be one of bar, line" in found
    hot_problem = next(p for p in found if p.startswith("evaluations/hot.yaml:"))
    assert hot_problem.startswith(f"evaluations/hot.yaml:{hot_line} sections[")
    assert len(found) == 2


def test_the_shipped_hot_test_reads_a_chart_and_loads_without_a_warning():
    hot = question_sets()["evaluations/hot.yaml"]
    charted = [q for q in hot if "```chart" in q.get("prompt", "")]
    assert [q["id"] for q in charted] == ["hot-q11"]
    assert chart_problems(charted[0]["prompt"]) == []
    _, figure = prompt_html(charted[0]["prompt"])
    assert figure.count("<rect ") == 6 + 1 and f"1{N}150" in figure
    course, warnings = check_course(COURSE_DIR)
    assert warnings == []
