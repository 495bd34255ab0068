"""``lexom content ...``: check, export and describe course content."""

import json
import sys
from pathlib import Path

import click

from ..modules import ContentError, export_course
from ..modules.loader import check_course
from ..modules.schema import FILE_MODELS
from ..modules.stats import course_stats, format_stats


@click.group()
def content() -> None:
    """Check, export and describe course content."""


def _load(path: str, warnings: list | None = None):
    try:
        course, found = check_course(path)
    except ContentError as error:
        click.echo(f"{len(error.problems)} problem(s) in {path}:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    if warnings is not None:
        warnings.extend(found)
    return course


@content.command("check")
@click.argument("path", type=click.Path(file_okay=False))
def check(path: str) -> None:
    """Validate the course in PATH; list every problem and exit non-zero if any.

    Warnings (guessable keys, rules the content does not meet yet) are listed without failing.
    """
    warnings: list = []
    course = _load(path, warnings)
    stats = course_stats(course)
    click.echo(
        f"OK {course.ref} « {course.title} » (version {course.version[:12]}): "
        f"{stats['modules']} modules, {stats['units']} units, {stats['questions']} questions, "
        f"{stats['roleplays']} role plays"
    )
    if warnings:
        click.echo(f"{len(warnings)} warning(s) in {path}:", err=True)
        for warning in warnings:
            click.echo(f"  warning: {warning}", err=True)


@content.command("export")
@click.argument("path", type=click.Path(file_okay=False))
def export(path: str) -> None:
    """Print the validated course in PATH as normalised JSON."""
    course = _load(path)
    click.echo(json.dumps(export_course(course), ensure_ascii=False, indent=2))


@content.command("stats")
@click.argument("path", type=click.Path(file_okay=False))
def stats(path: str) -> None:
    """Print the counts of the course in PATH: units, words, questions, role plays, coverage."""
    click.echo(format_stats(course_stats(_load(path))))


@content.command("schema")
@click.argument("out", type=click.Path(file_okay=False))
def schema(out: str) -> None:
    """Write the JSON Schema of every content file kind into the folder OUT."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in FILE_MODELS.items():
        text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
        (folder / f"{name}.schema.json").write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {folder / f'{name}.schema.json'}")
