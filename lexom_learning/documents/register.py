"""The attestation register: one row per attestation, as CSV or XLSX."""

import io
from collections.abc import Iterable
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .archive import csv_bytes
from .cells import xlsx_value

STATUS_LABELS = {"valid": "valide", "superseded": "remplacée", "revoked": "révoquée"}


class AttestationLike(Protocol):
    """What the register reads from an attestation."""

    number: str
    version: int
    status: str
    snapshot: dict[str, Any]
    sha256: str
    certificate_sha256: str
    issued_at: Any
    revoked_at: Any
    revoked_reason: str | None


def register_header(objective_count: int) -> list[str]:
    """Return the register's column titles."""
    header = [
        "numéro",
        "version",
        "statut",
        "participant",
        "session",
        "réf. formation",
        "formation",
        "début",
        "fin",
        "lieu",
        "durée prévue (h)",
        "durée suivie (h)",
        "demi-journées suivies",
    ]
    for i in range(1, objective_count + 1):
        header += [f"objectif {i} niveau", f"objectif {i} score (%)"]
    return header + [
        "émise le (heure de Paris)",
        "remplace",
        "SHA-256 attestation",
        "n° certificat de réalisation",
        "SHA-256 certificat",
        "révoquée le (heure de Paris)",
        "motif de révocation",
    ]


def register_row(item: AttestationLike) -> list[Any]:
    """Return one attestation's row."""
    s = item.snapshot
    row = [
        item.number,
        item.version,
        STATUS_LABELS.get(item.status, item.status),
        s["participant"]["name"],
        s["session"]["title"],
        s["course"]["ref"],
        s["course"]["title"],
        s["session"]["starts_on"],
        s["session"]["ends_on"],
        s["session"]["location"],
        s["attendance"]["hours_planned"],
        s["attendance"]["hours_attended"],
        s["attendance"]["half_days_attended"],
    ]
    for objective in s["objectives"]:
        row += [objective["level_label"] or "non évalué", objective["percent"]]
    return row + [
        item.issued_at,
        s.get("supersedes") or "",
        item.sha256,
        s.get("certificate_number") or "",
        item.certificate_sha256,
        item.revoked_at,
        item.revoked_reason or "",
    ]


def _table(items: Iterable[AttestationLike]) -> tuple[list[str], list[list[Any]]]:
    rows = [register_row(i) for i in items]
    objectives = (len(rows[0]) - len(register_header(0))) // 2 if rows else 3
    return register_header(objectives), rows


def register_csv(items: Iterable[AttestationLike]) -> bytes:
    """Return the register as CSV (semicolons, UTF-8 with BOM)."""
    header, rows = _table(items)
    return csv_bytes(header, rows)


def register_xlsx(items: Iterable[AttestationLike]) -> bytes:
    """Return the register as an XLSX workbook (one sheet, bold header, frozen first row).

    Every cell is a value, never a formula: text is neutralised and typed as a string.
    """
    header, rows = _table(items)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre des attestations")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    titles = []
    for title in header:
        cell = _value_cell(sheet, title)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows:
        sheet.append([_value_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _value_cell(sheet, value: Any) -> WriteOnlyCell:
    """Return a cell holding ``value`` as data: text is typed 's', so it can never be a formula."""
    value = xlsx_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
