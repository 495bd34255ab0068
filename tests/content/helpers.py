"""Shared readers for the content tests: the shipped YAML as authors wrote it (authored order)."""

import re
from pathlib import Path

import yaml

COURSE_DIR = Path(__file__).resolve().parents[2] / "content" / "mrk-stra-05"

NUMBER = re.compile(r"\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?")
DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}(?:er)? [a-zéû]+ \d{4}")
# Round numbers, years and the thresholds every unit uses are not a worked example's data.
COMMON = (
    {str(i) for i in range(21)}
    | {"25", "30", "40", "50", "60", "70", "75", "80", "90", "100", "1000"}
    | {str(year) for year in range(1950, 2031)}
)


def shows_dashboard(prompt: str) -> bool:
    """Say whether a prompt shows a dashboard to read: a Markdown table or a ```chart block."""
    return bool(re.search(r"(?m)^\s*\|.*\|\s*$", prompt)) or "```chart" in prompt


def load(relative: str) -> dict:
    """Return a YAML file of the course as written."""
    return yaml.safe_load((COURSE_DIR / relative).read_text(encoding="utf-8"))


def question_sets() -> dict[str, list[dict]]:
    """Return every question set (module quiz, live set, evaluation) by file, authored order."""
    sets = {}
    files = sorted(COURSE_DIR.glob("modules/*/quiz.yaml")) + sorted(COURSE_DIR.glob("live/*.yaml"))
    files += sorted(COURSE_DIR.glob("evaluations/*.yaml"))
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        questions = data.get("questions") or [q for s in data["sections"] for q in s["questions"]]
        sets[path.relative_to(COURSE_DIR).as_posix()] = [q for q in questions if "ref" not in q]
    return sets


def distinctive_numbers(text: str) -> set[str]:
    """Return the numbers of a text that could identify a worked example (dates aside)."""
    text = DATE.sub(" ", text)
    found = set()
    for match in NUMBER.findall(text):
        number = re.sub(r"[ \u202f\u00a0]", "", match).replace(".", ",")
        if number not in COMMON:
            found.add(number)
    return found


def example_sections(markdown: str) -> list[str]:
    """Return the « Exemple » and « À vous » sections of a unit."""
    parts = re.split(r"(?m)^#{2,3} ", markdown)
    return [p for p in parts if re.match(r"(?i)(exemple|à vous)", p.strip())]


def minutes(hhmm: str) -> int:
    """Return the minutes since midnight of an "HH:MM" time."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)
