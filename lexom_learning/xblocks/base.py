"""What the three blocks share: translations, templates, fragments, JSON errors, the author form."""

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.fields import Scope, String

from ..modules.markdown import prompt_html, render_markdown
from ..quizzes import get_type, public_view, stored_response
from ..quizzes.numbers import format_number
from ..quizzes.shuffle import seed_for
from ..typography import french
from .i18n import N_, Translator

MAX_NAME = 200

_TEMPLATES = Environment(
    loader=PackageLoader("lexom_learning.xblocks", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))
_TEMPLATES.filters["fr"] = lambda text: french(text or "")
_TEMPLATES.filters["prompt_text"] = lambda text: Markup(prompt_html(text or "")[0])
_TEMPLATES.filters["prompt_table"] = lambda text: _prompt_table(text or "")
_TEMPLATES.globals["question_type"] = get_type  # the widget a question is drawn with


def _prompt_table(prompt: str) -> Markup:
    """Return the tables of a prompt (a dashboard to read) as HTML, or nothing."""
    table = prompt_html(prompt)[1]
    return Markup(f'<div class="lexom-table">{table}</div>') if table else Markup("")


@lru_cache(maxsize=8)
def static_text(name: str) -> str:
    """Return a file of ``lexom_learning/xblocks/static``."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _english_number(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def studio_field(name: str, label: str, kind: str, value: Any, **extra: Any) -> dict[str, Any]:
    """Return one field of the author's form (``studio.html``): its name, label, kind ("text",
    "number" or "select"), value and, in ``extra``, its ``options`` or ``help``."""
    return {"name": name, "label": label, "kind": kind, "value": value, **extra}


def json_error(status: int, message: str, **extra: Any) -> Response:
    """Return a JSON error response ``{"error": message, ...}`` (never an HTML error page)."""
    body = json.dumps({"error": message, **extra}, ensure_ascii=False)
    return Response(body, status=status, content_type="application/json", charset="utf-8")


@XBlock.needs("i18n")
class LexomBlock(XBlock):
    """Base of the blocks: the runtime's i18n service, Jinja templates and the author form."""

    display_name = String(
        display_name=N_("Nom affiché"),
        help=N_("Titre du bloc dans le plan du cours"),
        scope=Scope.settings,
        default="",
    )

    @property
    def translator(self) -> Translator:
        """Return gettext for this rendering, through the runtime's i18n service."""
        return Translator(self.runtime.service(self, "i18n"))

    @property
    def dom_id(self) -> str:
        """Return a prefix for HTML ids and input names unique to this block on a page."""
        return "lexom-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(self.scope_ids.usage_id))

    @property
    def learner_key(self) -> str:
        """Return who is viewing (the runtime's user id): it draws the order of options."""
        return str(self.scope_ids.user_id)

    def render_html(self, template: str, **context: Any) -> str:
        """Render a template of ``templates/`` with the block's translations."""
        translator = self.translator
        return _TEMPLATES.get_template(template).render(
            _=translator.gettext,
            ngettext=translator.ngettext,
            number=format_number if translator.language == "fr" else _english_number,
            dom_id=self.dom_id,
            **context,
        )

    def fragment(self, html: str, js_init: str, args: dict[str, Any] | None = None) -> Fragment:
        """Wrap HTML with the shared stylesheet and script, and the JavaScript to start."""
        fragment = Fragment(html)
        fragment.add_css(static_text("lexom.css"))
        fragment.add_javascript(static_text("lexom.js"))
        fragment.initialize_js(js_init, args or {})
        return fragment

    # --- the author's form (Studio) ----------------------------------------------------------

    def studio_fields(self, _) -> list[dict[str, Any]]:
        """Return the fields of the author's form: name, label, kind, value, options."""
        return [studio_field("display_name", _("Nom affiché"), "text", self.display_name)]

    def studio_apply(self, values: dict[str, Any], _) -> dict[str, str]:
        """Check the author's values, save them when all are right; return errors by field."""
        raise NotImplementedError

    def studio_view(self, context=None) -> Fragment:
        """Show the author's form: which quiz, case or evaluation, and the block's settings."""
        html = self.render_html("studio.html", fields=self.studio_fields(self.translator.gettext))
        return self.fragment(html, "LexomStudioEditor")

    @XBlock.json_handler
    def studio_submit(self, data: Any, suffix: str = "") -> Any:
        """Save the author's form; answer ``{"result": "success"}`` or 400 with the errors."""
        _ = self.translator.gettext
        if not isinstance(data, dict):
            return json_error(400, _("Requête invalide : un objet est attendu."))
        errors = self.studio_apply(data, _)
        if errors:
            return json_error(400, _("Certains réglages sont à corriger."), errors=errors)
        return {"result": "success"}

    def _checked_name(self, values: dict[str, Any], errors: dict[str, str], _) -> str | None:
        """Return the display name sent by the author, or None after recording an error."""
        name = values.get("display_name", self.display_name)
        if not isinstance(name, str) or len(name.strip()) > MAX_NAME:
            errors["display_name"] = _("Un texte de {n} caractères au plus.").format(n=MAX_NAME)
            return None
        return name.strip()


def question_views(
    questions: list[Any],
    responses: dict[str, Any],
    results: dict[str, Any],
    reveal: bool,
    verdicts: bool = False,
    owner: str | None = None,
) -> list[dict[str, Any]]:
    """Return what a template shows of each question: the core's public view (never the
    answer), the learner's last response and, once graded, its result and explanation.

    With ``verdicts`` and without ``reveal``, the result keeps its points and verdict but loses
    its feedback, which can name the expected answer, and there is no explanation.
    ``owner`` (the learner) draws the order of choice options (``quizzes.shuffle``).
    """
    views = []
    for question in questions:
        result = results.get(question.id)
        if not reveal:
            result = verdict_only(result) if verdicts else None
        views.append(
            {
                **public_view(
                    question, None if owner is None else seed_for("xblock", owner, question.id)
                ),
                "response": stored_response(question, responses.get(question.id)),
                "result": result,
                "explanation": question.explanation if reveal and result else "",
            }
        )
    return views


def verdict_only(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return a recorded result without its feedback lines (points and verdict only)."""
    return None if result is None else {**result, "feedback": []}
