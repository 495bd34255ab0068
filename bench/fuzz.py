"""``make fuzz``: schemathesis on the served OpenAPI document, as three callers.

Loopback only, bounded. It migrates a fresh SQLite database, creates a trainer with a session
and participants, serves the app with ``lexom serve``, then runs ``schemathesis run`` on
/api/v1/openapi.json with a trainer token, a participant token and no token, each with
``--max-examples`` per operation and phase (the total is reported; the default gives over
5,000 cases). Checks: no server error, documented status codes, content types and response bodies.
It prints, per caller, the cases generated and the failures by kind; exit status 1 when a 5xx
or a schema failure was found.

    .venv/bin/python bench/fuzz.py [--max-examples 25]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import stop, wait_ready  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SECRET = "fuzz-secret-not-for-production"
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)


def prepare(folder: Path) -> dict:
    """Migrate a fresh database; return the environment and a token per caller."""
    env = {
        **os.environ,
        "LEXOM_DATABASE_URL": f"sqlite:///{folder / 'fuzz.sqlite3'}",
        "LEXOM_SECRET_KEY": SECRET,
        "LEXOM_INSTANCE_PATH": str(folder / "instance"),
        # Every generated sign-in would otherwise soon meet the sign-in limits (429, documented).
        "LEXOM_RATELIMIT_STORAGE_URI": "memory://",
    }
    subprocess.run([BIN / "lexom", "init"], env=env, check=True, capture_output=True, timeout=300)
    os.environ.update({k: env[k] for k in ("LEXOM_DATABASE_URL", "LEXOM_SECRET_KEY")})
    from lexom_learning import create_app
    from lexom_learning.extensions import db
    from lexom_learning.services import accounts, links, sessions

    app = create_app()
    with app.app_context():
        trainer = accounts.create_user("formateur@fuzz.lexom.fr", "trainer", "Fuzz-girafe-cactus-9")
        course = app.extensions["lexom_courses"].default()
        training = sessions.create_session(
            trainer, course, "Fuzz", date.today(), date.today() + timedelta(days=1), HOST
        )
        people = [
            sessions.add_participant(training, f"P {n}", f"p{n}@fuzz.lexom.fr") for n in range(3)
        ]
        tokens = {
            "trainer": accounts.issue_api_token(trainer),
            "participant": links.token_for(links.current_link(people[0])),
            "anonymous": None,
        }
        db.engine.dispose()
    return {"env": env, "tokens": tokens}


def run_schemathesis(base: str, token: str | None, examples: int, report: Path) -> dict:
    """Run schemathesis once; return the cases it generated and its failures by kind."""
    command = [
        str(BIN / "schemathesis"),
        "run",
        f"{base}/api/v1/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(examples),
        "--workers",
        "2",
        "--seed",
        "15",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
        "--warnings",
        "off",
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    output = done.stdout + done.stderr
    cases = (
        sum(_count_cases(line) for line in report.read_text().splitlines())
        if report.exists()
        else 0
    )
    before_reports = output.split("Reports:")[0]
    failures = re.findall(r"^\s*- (.+?)$", before_reports, flags=re.MULTILINE)
    kinds: dict[str, int] = {}
    for failure in failures:
        kinds[failure.strip()] = kinds.get(failure.strip(), 0) + 1
    tail = "\n".join(output.strip().splitlines()[-8:])
    return {
        "cases": cases,
        "failures": kinds,
        "server_errors": len(re.findall(r"Server error", output)),
        "seconds": round(time.monotonic() - started),
        "summary": tail,
        "exit": done.returncode,
    }


def _count_cases(line: str) -> int:
    """Return the number of test cases an NDJSON event line records (its scenario's cases)."""
    try:
        event = json.loads(line)
    except ValueError:
        return 0
    finished = event.get("ScenarioFinished")
    if not finished:
        return 0
    recorder = finished.get("recorder") or {}
    return len(recorder.get("cases") or {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=25, help="per operation and phase")
    parser.add_argument("--port", type=int, default=5392)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lexom-fuzz-"))
    setup = prepare(folder)
    base = f"http://{HOST}:{args.port}"
    with (folder / "server.log").open("ab") as log:
        server = subprocess.Popen(
            [BIN / "lexom", "serve", "--host", HOST, "--port", str(args.port)],
            env={**setup["env"], "LEXOM_BASE_URL": base},  # `lexom serve` needs its address
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    results = {}
    try:
        wait_ready(f"{base}/api/v1/openapi.json", server)
        for caller, token in setup["tokens"].items():
            report = folder / f"{caller}.ndjson"
            results[caller] = run_schemathesis(base, token, args.max_examples, report)
            print(f"{caller}: {json.dumps(results[caller], ensure_ascii=False)}", flush=True)
    finally:
        stop(server)
    total = sum(r["cases"] for r in results.values())
    log_500 = (folder / "server.log").read_text(errors="replace").count("Traceback")
    print(
        json.dumps(
            {
                "cases": total,
                "by caller": {k: v["cases"] for k, v in results.items()},
                "failures": {k: v["failures"] for k, v in results.items()},
                "tracebacks in the server log": log_500,
                "folder": str(folder),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    failed = any(r["failures"] or r["exit"] not in (0,) for r in results.values()) or log_500
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
