"""Attestation PDFs per second on one core, and the time and memory of a 1,000-attestation ZIP.

``python bench/attestations.py [--renders 300] [--participants 1000]``

1. Rendering: attestation PDFs (then attestation + certificate pairs) rendered one after the
   other in this process, from realistic snapshots with distinct numbers and names; reports
   CPU time (one core) and wall time. Target: at least 100 PDFs per second per core.
2. End to end on a fresh SQLite database migrated like ``lexom init``: a session of
   ``--participants`` participants with one signed half-day each is closed, which issues every
   attestation (both PDFs, snapshot, hashes, numbers, audit). Then the session's ZIP (every
   attestation and certificate, stored uncompressed) is streamed to a file, with its time and
   peak memory (tracemalloc for Python objects, ru_maxrss for the process). Targets: the ZIP
   of 1,000 attestations within 30 s and under 256 MB.
Not part of ``make test``.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lexom_learning.attestations.attendance import slot_states  # noqa: E402
from lexom_learning.attestations.schedule import build_schedule  # noqa: E402
from lexom_learning.attestations.snapshot import Issue, build_snapshot  # noqa: E402
from lexom_learning.documents.attestation import render_attestation  # noqa: E402
from lexom_learning.documents.certificate import render_certificate  # noqa: E402
from lexom_learning.organisation import DEMO_FILE, load_organisation  # noqa: E402

ORGANISATION = load_organisation(DEMO_FILE).snapshot()
from lexom_learning.modules import load_course  # noqa: E402

FIRST = ["Camille", "Léa", "Hugo", "Inès", "Lucas", "Zoé", "Noé", "Chloé", "Maël", "Anaïs"]
LAST = ["Martin", "Bernard", "Lefèvre", "Moreau", "Fournier", "Girard", "Dupré", "Rousseau"]


def snapshots(course, count: int, offset: int = 0) -> list[dict]:
    """Return ``count`` snapshots with distinct numbers, names and results."""
    start, end = date(2026, 12, 3), date(2026, 12, 4)
    acts = [
        ("d1-am", "paper", "paper"),
        ("d1-pm", "participant", "typed"),
        ("d1-pm", "countersign", "countersign"),
        ("d2-am", "paper", "paper"),
    ]
    slots = build_schedule(course.half_days, course.days, start, end)
    states = slot_states(slots, acts)
    result = []
    for i in range(offset, offset + count):
        number = f"MRK-STRA-05-2026-{i + 1:05d}"
        issue = Issue(
            number,
            1,
            datetime(2026, 12, 4, 17, tzinfo=UTC),
            end,
            f"https://formation.lexom.fr/verify/{number}",
            "Alix Durand, Présidente",
        )
        person = {"id": i, "name": f"{FIRST[i % 10]} {LAST[(i // 10) % 8]}-{i}"}
        session = {
            "id": 1,
            "title": "Session Lyon",
            "starts_on": start,
            "ends_on": end,
            "location": "Lyon, 12 rue de la République",
            "trainer": "Claire Formatrice",
        }
        scores = {
            "obj-1": (60 + i % 40, "in_progress"),
            "obj-2": (80.0, "acquired"),
            "obj-3": (None, None),
        }
        result.append(build_snapshot(issue, course, session, person, states, scores, ORGANISATION))
    return result


def bench_render(course, count: int) -> None:
    """Measure PDFs per second on one core."""
    render_attestation(snapshots(course, 1, 10**6)[0])  # fonts loaded once, as in a server
    data = snapshots(course, count)
    cpu, wall = time.process_time(), time.perf_counter()
    sizes = [len(render_attestation(s)) for s in data]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"attestation PDFs: {count} in {wall:.2f} s wall, {cpu:.2f} s CPU -> "
        f"{count / cpu:.0f} PDF/s per core ({count / wall:.0f}/s wall), "
        f"{sum(sizes) / len(sizes) / 1024:.0f} KiB each"
    )
    data = snapshots(course, count, count)
    cpu = time.process_time()
    for s in data:
        render_attestation(s)
        render_certificate(s)
    cpu = time.process_time() - cpu
    print(
        f"attestation + certificate pairs: {count / cpu:.0f} pairs/s per core "
        f"({2 * count / cpu:.0f} PDF/s)"
    )


def bench_zip(course, participants: int) -> None:
    """Issue ``participants`` attestations on a fresh SQLite database, then export the ZIP."""
    from flask_migrate import upgrade

    from lexom_learning import create_app
    from lexom_learning.extensions import db
    from lexom_learning.services import attestations
    from lexom_learning.storage import AttendanceSignature, Participant, TrainingSession, User
    from lexom_learning.web.config import MIGRATIONS_DIR
    from lexom_learning.web.content import CourseRepository

    folder = Path(tempfile.mkdtemp(prefix="attestations-bench-"))
    os.environ["LEXOM_INSTANCE_PATH"] = str(folder)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "LEXOM_COURSES": CourseRepository([course]),
            "LEXOM_BASE_URL": "https://formation.lexom.fr",
        }
    )
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        trainer = User(email="t@bench", name="Claire", role="trainer", password_hash="-")
        training = TrainingSession(
            course_id=course.id,
            title="Bench",
            starts_on=date.today() - timedelta(days=3),  # over: it may close now
            ends_on=date.today() - timedelta(days=2),
            location="Lyon",
            trainer=trainer,
        )
        people = [
            Participant(
                session=training,
                name=f"{FIRST[i % 10]} {LAST[i % 8]} {i}",
                email=f"p{i}@bench.test",
            )
            for i in range(participants)
        ]
        db.session.add_all([trainer, training, *people])
        db.session.flush()
        db.session.add_all(
            AttendanceSignature(
                session_id=training.id,
                participant_id=p.id,
                slot="d1-am",
                kind="paper",
                method="paper",
                reason="bench",
                actor="user:1",
                user_agent="",
            )
            for p in people
        )
        db.session.commit()
        training_id = training.id
        start, cpu = time.perf_counter(), time.process_time()
        report = attestations.close_and_issue(training, course)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"issuing on close: {len(report.issued)} attestations (2 PDFs each, numbered, "
            f"stored) in {took:.1f} s wall, {cpu:.1f} s CPU -> "
            f"{len(report.issued) / cpu:.0f}/s per core ({len(report.issued) / took:.0f}/s wall)"
        )
    # The export runs in a fresh process, so its peak memory is its own.
    subprocess.run(
        [sys.executable, __file__, "--export", str(folder), str(training_id)], check=True
    )


def export_zip(folder: Path, session_id: int) -> None:
    """Stream a session's ZIP to a file; report time and peak memory of this process."""
    from lexom_learning import create_app
    from lexom_learning.services import exports
    from lexom_learning.web.content import CourseRepository

    course = load_course(ROOT / "content" / "mrk-stra-05")
    os.environ["LEXOM_INSTANCE_PATH"] = str(folder)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "LEXOM_COURSES": CourseRepository([course]),
        }
    )
    with app.app_context():
        ids = exports.current_ids(session_id)

        target = folder / "attestations.zip"
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        start, zip_cpu = time.perf_counter(), time.process_time()
        with target.open("wb") as out:
            for chunk in exports.session_zip(session_id):
                out.write(chunk)
        took, zip_cpu = time.perf_counter() - start, time.process_time() - zip_cpu
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"ZIP of {len(ids)} attestations (+ certificates): "
            f"{target.stat().st_size / 2**20:.0f} MiB in {took:.2f} s wall, {zip_cpu:.2f} s CPU; "
            f"peak Python memory {peak / 2**20:.1f} MiB; process max RSS {rss / 1024:.0f} MiB "
            f"({rss_before / 1024:.0f} MiB with the app loaded, before the export)"
        )


def main() -> None:
    """Run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=300)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--export", nargs=2, metavar=("FOLDER", "SESSION"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        export_zip(Path(args.export[0]), int(args.export[1]))
        return
    course = load_course(ROOT / "content" / "mrk-stra-05")
    bench_render(course, args.renders)
    bench_zip(course, args.participants)


if __name__ == "__main__":
    main()
