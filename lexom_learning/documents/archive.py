"""ZIP archives written as a stream of chunks (PDFs are stored, not compressed: it saves little)."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ..clock import PARIS, utcnow
from .cells import csv_cell

# A ZIP entry is (name, bytes) dated when the archive is written, or (name, bytes, when) dated
# by the moment its content was made (an attestation's issue).
Entry = tuple[str, bytes] | tuple[str, bytes, datetime]


class _Sink:
    """A write-only file: zipfile writes into it, the generator hands out what accumulated."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        """Keep ``data`` until the next ``take``."""
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        """Return how many bytes were written so far (zipfile records offsets)."""
        return self.position

    def flush(self) -> None:
        """Do nothing: the chunks leave through ``take``."""
        pass

    def take(self) -> bytes:
        """Return and forget what was written since the last call."""
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def zip_time(when: datetime) -> tuple[int, ...]:
    """Return a ZIP entry's date: the wall-clock time in Paris (ZIP dates have no zone)."""
    local = when.astimezone(PARIS) if when.tzinfo else when
    return (max(local.year, 1980), *local.timetuple()[1:6])


def zip_stream(files: Iterable[Entry], when: datetime | None = None) -> Iterator[bytes]:
    """Yield a ZIP archive chunk by chunk; each entry carries its own date, else ``when`` (now).

    PDFs are stored uncompressed, CSV and JSON deflated.
    """
    default = zip_time(when or utcnow())
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for entry in files:
            name, data = entry[0], entry[1]
            stamp = zip_time(entry[2]) if len(entry) > 2 and entry[2] else default
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = (
                zipfile.ZIP_DEFLATED if name.endswith((".csv", ".json")) else (zipfile.ZIP_STORED)
            )
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
            chunk = sink.take()
            if chunk:
                yield chunk
    yield sink.take()


@dataclass(frozen=True)
class EvidenceFile:
    """One file of an evidence folder and the Qualiopi indicators it serves."""

    path: str
    data: bytes
    indicators: tuple[int, ...]
    description: str
    made_at: datetime | None = None


@dataclass
class EvidenceFolder:
    """The files of a session's evidence folder, with their manifest."""

    title: str
    files: list[EvidenceFile] = field(default_factory=list)

    def manifest(self) -> list[dict]:
        """Return one line per file: path, indicators, description."""
        return [
            {
                "path": f.path,
                "indicators": [f"Indicateur {i}" for i in f.indicators],
                "description": f.description,
            }
            for f in self.files
        ]

    def stream(self, when: datetime | None = None) -> Iterator[bytes]:
        """Yield the ZIP: manifest.json and manifest.csv, then every file."""
        manifest = self.manifest()
        rows = [[m["path"], ", ".join(m["indicators"]), m["description"]] for m in manifest]
        table = csv_bytes(["fichier", "indicateurs Qualiopi", "contenu"], rows)
        head = [
            (
                "manifest.json",
                json.dumps(
                    {"title": self.title, "files": manifest}, ensure_ascii=False, indent=2
                ).encode(),
            ),
            ("manifest.csv", table),
        ]
        return zip_stream([*head, *((f.path, f.data, f.made_at) for f in self.files)], when)


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    """Return a semicolon-separated CSV in UTF-8 with a BOM (opens cleanly in French Excel).

    Every cell goes through ``cells.csv_cell``: text that could run as a formula is neutralised,
    numbers take a decimal comma, times are written in Europe/Paris with their offset.
    """
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + text.getvalue()).encode()
