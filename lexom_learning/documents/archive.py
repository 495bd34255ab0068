"""ZIP archives written as a stream of chunks (PDFs are stored, not compressed: it saves little)."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


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


def zip_stream(files: Iterable[tuple[str, bytes]], when: datetime | None = None) -> Iterator[bytes]:
    """Yield a ZIP archive of (name, bytes) pairs chunk by chunk, entries stored uncompressed."""
    stamp = when.timetuple()[:6] if when else FIXED_TIME
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in files:
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
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(["fichier", "indicateurs Qualiopi", "contenu"])
        for line in manifest:
            writer.writerow([line["path"], ", ".join(line["indicators"]), line["description"]])
        head = [
            (
                "manifest.json",
                json.dumps(
                    {"title": self.title, "files": manifest}, ensure_ascii=False, indent=2
                ).encode(),
            ),
            ("manifest.csv", ("\ufeff" + text.getvalue()).encode()),
        ]
        return zip_stream([*head, *((f.path, f.data) for f in self.files)], when)


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    """Return a semicolon-separated CSV in UTF-8 with a BOM (opens cleanly in French Excel)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode()
