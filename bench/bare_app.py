"""A bare Flask endpoint served exactly like ``lexom serve``: the yardstick of bench/live_quiz.py.

``python bench/bare_app.py PORT`` runs gunicorn with the options of lexom_learning/cli/serve.py
(2 workers of 4 threads, keep-alive, no access log) on 127.0.0.1.
"""

import sys

from flask import Flask, jsonify, request

from lexom_learning.cli.serve import SERVER_OPTIONS, GunicornServer

# The same options as ``lexom serve``, so the comparison is fair.
OPTIONS = {"workers": 2, **SERVER_OPTIONS}


def create_bare_app() -> Flask:
    """Return an app with one endpoint that reads a JSON body and answers a small JSON."""
    app = Flask("bare")

    @app.put("/answer")
    def answer():
        body = request.get_json(silent=True) or {}
        return jsonify({"stored": True, "keys": len(body)})

    @app.get("/ready")
    def ready():
        return "ok"

    return app


if __name__ == "__main__":
    port = int(sys.argv[1])
    GunicornServer(create_bare_app(), {"bind": f"127.0.0.1:{port}", **OPTIONS}).run()
