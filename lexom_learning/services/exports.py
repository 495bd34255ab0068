"""Compliance exports: a session's PDFs as a ZIP (streamed, or as a background job), the
register as CSV or XLSX, and the evidence folder mapped to the Qualiopi indicators."""

import itertools
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..attestations.attendance import totals
from ..documents.archive import EvidenceFile, EvidenceFolder, csv_bytes, zip_stream
from ..documents.register import register_csv, register_xlsx
from ..extensions import db
from ..modules import Course
from ..storage import Attestation, CompletionEvent, ExportJob, TrainingSession
from ..storage.types import utcnow
from . import attendance, context, figures
from .attestations import for_session
from .errors import NotFound

BATCH = 50
PROGRESS_EVERY = 25


def current_ids(session_id: int) -> list[int]:
    """Return the ids of a session's valid attestations, by number."""
    return list(
        db.session.scalars(
            select(Attestation.id)
            .where(Attestation.session_id == session_id, Attestation.status == "valid")
            .order_by(Attestation.number)
        )
    )


def _batch(ids: list[int], certificates: bool) -> list[tuple[str, bytes]]:
    columns = [Attestation.number, Attestation.pdf, Attestation.issued_at]
    if certificates:
        columns += [Attestation.certificate_pdf, Attestation.certificate_number]
    rows = db.session.execute(
        select(*columns).where(Attestation.id.in_(ids)).order_by(Attestation.number)
    ).all()
    files = []
    for row in rows:
        files.append((f"attestations/{row.number}.pdf", row.pdf, row.issued_at))
        if certificates:
            name = row.certificate_number or f"{row.number}-certificat"
            files.append((f"certificats/{name}.pdf", row.certificate_pdf, row.issued_at))
    return files


def pdf_files(ids: list[int], certificates: bool = True) -> Iterator[tuple[str, bytes, datetime]]:
    """Yield (name, PDF, issue time) for attestations, loading BATCH rows at a time."""
    for start in range(0, len(ids), BATCH):
        yield from _batch(ids[start : start + BATCH], certificates)


SHEET_NAME = "emargement-signe.pdf"


def sheet_entry(session_id: int) -> tuple[str, bytes, datetime]:
    """Return the session's signed attendance sheet as a ZIP entry, made now."""
    from .attendance_sheet import attendance_sheet_pdf

    training = db.session.get(TrainingSession, session_id)
    course = context.current().courses.get(training.course_id)
    return SHEET_NAME, attendance_sheet_pdf(training, course), utcnow()


def session_zip(session_id: int) -> Iterator[bytes]:
    """Yield the ZIP of the signed attendance sheet and every valid attestation and
    certificate PDF of a session."""
    files = itertools.chain([sheet_entry(session_id)], pdf_files(current_ids(session_id)))
    return zip_stream(files, utcnow())


def streamed_session_zip(session_id: int) -> Iterator[bytes]:
    """Yield the session's ZIP after the view has returned: each batch is read in its own
    app context, never held across a ``yield`` (the response streams outside the request)."""
    enter = context.reentry()
    ids = current_ids(session_id)
    sheet = sheet_entry(session_id)

    def files() -> Iterator[tuple[str, bytes, datetime]]:
        yield sheet
        for start in range(0, len(ids), BATCH):
            with enter():
                batch = _batch(ids[start : start + BATCH], True)
            yield from batch

    return zip_stream(files(), utcnow())


def register(session_id: int, fmt: str) -> bytes:
    """Return the register of a session's attestations (every version) as csv or xlsx."""
    items = for_session(session_id)
    return register_xlsx(items) if fmt == "xlsx" else register_csv(items)


def _attendance_csv(training: TrainingSession, course: Course) -> bytes:
    states = attendance.states_for(training, course)
    header = [
        "participant",
        *(f"{h.id} ({h.label})" for h in course.half_days),
        "demi-journées",
        "heures",
    ]
    labels = {
        "attended": "présent",
        "awaiting_countersign": "à contresigner",
        "missing": "absent",
        "absent": "absent (signature refusée)",
        "not_held": "non tenue",
    }
    rows = []
    for p in training.participants:
        mine = states[p.id]
        half_days, hours = totals(mine)
        rows.append([p.name, *(labels[s.status] for s in mine), half_days, hours])
    return csv_bytes(header, rows)


def _results_csv(training: TrainingSession, course: Course) -> bytes:
    results = figures.figures_for(db.session, course, [p.id for p in training.participants])
    header = ["participant", "objectif", "texte", "score (%)", "niveau", "éléments évalués"]
    rows = [
        [
            p.name,
            o.id,
            o.text,
            results[p.id][o.id].percent,
            results[p.id][o.id].level or "",
            results[p.id][o.id].items,
        ]
        for p in training.participants
        for o in course.objectives
    ]
    return csv_bytes(header, rows)


def _events(session_id: int, verbs: tuple[str, ...] = (), like: str = "") -> list:
    query = select(CompletionEvent).where(CompletionEvent.session_id == session_id)
    if verbs:
        query = query.where(CompletionEvent.verb.in_(verbs))
    if like:
        query = query.where(CompletionEvent.verb.like(f"%{like}%"))
    return list(db.session.scalars(query.order_by(CompletionEvent.id)))


def evaluation_rates(training: TrainingSession, course: Course) -> list[dict]:
    """Return, per evaluation of the course, how many participants answered (what exists)."""
    submitted = _events(training.id, ("evaluation_submitted",))
    enrolled = len(training.participants)
    rates = []
    for kind, evaluation in course.evaluations.items():
        answered = {e.participant_id for e in submitted if e.object_id == evaluation.id}
        rates.append(
            {
                "kind": kind,
                "id": evaluation.id,
                "title": evaluation.title,
                "answered": len(answered),
                "enrolled": enrolled,
                "rate": round(100 * len(answered) / enrolled, 1) if enrolled else None,
            }
        )
    return rates


def evidence_folder(training: TrainingSession, course: Course) -> EvidenceFolder:
    """Return the session's evidence folder, each file mapped to the indicators it serves."""
    folder = EvidenceFolder(f"Dossier de preuves — {training.title} ({course.ref})")
    add = folder.files.append
    name, sheet, made_at = sheet_entry(training.id)
    add(
        EvidenceFile(
            name,
            sheet,
            (10, 12),
            "Feuille d'émargement signée : signatures, contreseings, retards, absences et "
            "leurs motifs, par demi-journée.",
            made_at,
        )
    )
    add(
        EvidenceFile(
            "emargement.csv",
            _attendance_csv(training, course),
            (10, 12),
            "Émargement par demi-journée : assiduité et suivi de la réalisation.",
        )
    )
    add(
        EvidenceFile(
            "resultats-objectifs.csv",
            _results_csv(training, course),
            (11,),
            "Évaluation de l'atteinte des objectifs, par participant et par objectif.",
        )
    )
    rates = evaluation_rates(training, course)
    add(
        EvidenceFile(
            "evaluations-taux-de-reponse.csv",
            csv_bytes(
                ["évaluation", "identifiant", "titre", "réponses", "inscrits", "taux (%)"],
                [
                    [r["kind"], r["id"], r["title"], r["answered"], r["enrolled"], r["rate"]]
                    for r in rates
                ],
            ),
            (8, 11, 30),
            "Positionnement, évaluation à chaud et à froid : réponses et taux de réponse.",
        )
    )
    from .qualiopi_files import add_indicator_files

    add_indicator_files(folder, training, course)
    add(
        EvidenceFile(
            "registre-attestations.csv",
            register(training.id, "csv"),
            (11,),
            "Registre des attestations : numéros, versions, statuts, empreintes.",
        )
    )
    for name, data, issued_at in pdf_files(current_ids(training.id)):
        if name.startswith("attestations/"):
            add(EvidenceFile(name, data, (11,), "Attestation de fin de formation.", issued_at))
        else:
            text = "Certificat de réalisation (heures suivies)."
            add(EvidenceFile(name, data, (10,), text, issued_at))
    return folder


def exports_dir() -> Path:
    """Return the folder where background exports are written (in the instance folder)."""
    path = context.current().settings.exports_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_zip_job(training: TrainingSession, actor: str) -> ExportJob:
    """Start writing the session's ZIP in a background thread; return the job to poll."""
    job = ExportJob(
        token=secrets.token_urlsafe(24),
        session_id=training.id,
        kind="zip",
        requested_by=actor,
        total=len(current_ids(training.id)),
    )
    db.session.add(job)
    db.session.commit()
    thread = threading.Thread(target=_run_zip_job, args=(context.reentry(), job.id), daemon=True)
    thread.start()
    return job


def _run_zip_job(enter: Callable[[], AbstractContextManager], job_id: int) -> None:
    with enter():
        job = db.session.get(ExportJob, job_id)
        job.status = "running"
        db.session.commit()
        target = exports_dir() / f"{job.token}.zip"
        try:
            ids = current_ids(job.session_id)
            files = itertools.chain([sheet_entry(job.session_id)], pdf_files(ids))
            with target.open("wb") as out:
                for chunk in zip_stream(_counted(files, job), utcnow()):
                    out.write(chunk)
            job.status, job.path, job.done = "done", str(target), len(ids)
        except Exception as error:  # the job reports any failure instead of dying silently
            db.session.rollback()
            job = db.session.get(ExportJob, job_id)
            job.status, job.error = "failed", str(error)[:500]
        job.finished_at = utcnow()
        db.session.commit()
        db.session.remove()


def _counted(files: Iterator[tuple[str, bytes, datetime]], job: ExportJob):
    """Yield the files, counting the attestations done (committed every PROGRESS_EVERY)."""
    for name, data, when in files:
        yield name, data, when
        if name.startswith("attestations/"):
            job.done += 1
            if job.done % PROGRESS_EVERY == 0:
                db.session.commit()


def job_by_token(token: str) -> ExportJob:
    """Return an export job by its token.

    :raises NotFound: unknown token.
    """
    job = db.session.scalar(select(ExportJob).where(ExportJob.token == token))
    if job is None:
        raise NotFound("Export introuvable.")
    return job
