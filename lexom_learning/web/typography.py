"""French typography on the pages: filters for content texts, and the interface's text nodes.

Content (prompts, options, explanations) is French on every page, so the filters apply
``typography.french`` whatever the reader's language (unit bodies are typeset by the core's
Markdown renderer). The interface is typeset on French pages by ``typeset_page``, after
rendering, on the HTML's text nodes only (``french_html``). Both run when ``LEXOM_TYPOGRAPHY``
is on: the default everywhere, tests included, so that what is tested is what users see (tests
compare authored strings through ``tests.typeset.plain``). ``LEXOM_TYPOGRAPHY=0`` in the
environment turns it off, for a deployment that must debug raw catalogue strings.
"""

from flask import Flask, Response, current_app
from markupsafe import Markup

from ..modules.markdown import prompt_html, render_markdown
from ..typography import french, french_html
from .i18n import current_locale


def _on() -> bool:
    return bool(current_app.config.get("LEXOM_TYPOGRAPHY"))


def content_text(text: str | None) -> str:
    """Return a content text with French typography (escaped by the template as usual)."""
    return french(text or "") if _on() else (text or "")


def prompt_text(prompt: str | None) -> Markup:
    """Return a question prompt's text as inline HTML (emphasis, code), typeset."""
    return Markup(prompt_html(prompt or "", _on())[0])


def prompt_table(prompt: str | None) -> Markup:
    """Return the tables of a question prompt (a dashboard to read) as HTML, or nothing."""
    table = prompt_html(prompt or "", _on())[1]
    return Markup(f'<div class="q-table">{table}</div>') if table else Markup("")


def typeset_page(response: Response) -> Response:
    """Typeset a French HTML page's text nodes (never tags, attributes, scripts or code)."""
    if (
        response.mimetype != "text/html"
        or response.direct_passthrough
        or response.status_code == 304
        or current_locale() == "en"
    ):
        return response
    body = response.get_data(as_text=True)
    typeset = french_html(body)
    if typeset != body:
        response.set_data(typeset)
    return response


def init_app(app: Flask) -> None:
    """Register the filters and, unless turned off, the page typesetting."""
    app.jinja_env.filters["fr"] = content_text
    app.jinja_env.filters["prompt_text"] = prompt_text
    app.jinja_env.filters["prompt_table"] = prompt_table
    app.jinja_env.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))
    app.config.setdefault("LEXOM_TYPOGRAPHY", True)

    @app.after_request
    def _typeset(response: Response) -> Response:
        if not app.config.get("LEXOM_TYPOGRAPHY"):
            return response
        return typeset_page(response)
