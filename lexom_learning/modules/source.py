"""Read a YAML or Markdown file and remember where each value stands (for error lines)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, format_path


@dataclass
class Document:
    """A parsed YAML file with the line of every value, keyed by its path tuple."""

    file: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: tuple) -> int | None:
        """Return the line of the deepest known value on the way to ``loc``."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def problem(self, loc: tuple, message: str) -> Problem:
        """Return a Problem located at ``loc`` in this file."""
        return Problem(self.file, self.line_of(loc), format_path(loc), message)


class SourceError(Exception):
    """A file that cannot be read or parsed; carries the Problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path, rel: str) -> str:
    """Return a file's text, refusing anything that is not UTF-8.

    :raises SourceError: when the file is missing or not UTF-8.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(Problem(rel, None, "", "file not found")) from None
    except OSError as error:
        raise SourceError(Problem(rel, None, "", f"cannot read: {error.strerror}")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); save the file as UTF-8"
        raise SourceError(Problem(rel, line, "", message)) from None


def load_yaml(path: Path, rel: str) -> Document:
    """Parse a YAML file into a Document.

    :raises SourceError: on a missing file, bad encoding, syntax error or duplicate key.
    """
    text = read_text(path, rel)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {error.problem or error.context}"
        raise SourceError(Problem(rel, line, "", message)) from None
    except yaml.YAMLError as error:
        raise SourceError(Problem(rel, None, "", f"YAML error: {error}")) from None
    finally:
        loader.dispose()
    document = Document(rel, data)
    if node is not None:
        _index(node, (), document)
    return document


def _index(node: yaml.Node, loc: tuple, document: Document) -> None:
    document.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if isinstance(key, str) and key.isdigit():
                key = int(key)
            if key in seen:
                line = key_node.start_mark.line + 1
                path = format_path((*loc, key))
                raise SourceError(Problem(document.file, line, path, f"duplicate key {key!r}"))
            seen.add(key)
            _index(value_node, (*loc, key), document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*loc, index), document)
