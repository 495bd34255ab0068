"""The OpenAPI 3.1 document and the request validation of /api/v1, both from spectree.

Each view declares its body, answers and errors with :func:`operation`; spectree validates
the request against the pydantic models and builds the document from the routes and the models
(openapi.py serves it). A body is read by ``body.raw_checks`` first (size, media type, JSON,
edge rules), then by its model.

Who calls comes before what they send: a body larger than ``MAX_BODY`` is refused at once (413,
never read), but any other refusal (400, 415, 422) is kept on the request and raised when the
view asks for :func:`validated_body` or :func:`validated_query`, which every view does after its
own checks (401, 403, 404). A view that declares a body, query or headers and answers without
asking is a bug: :class:`AnswerBreaksContract`, a 500.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from flask import Response as FlaskResponse
from flask import abort, g, make_response, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree
from spectree.plugins.flask_plugin import FlaskPlugin
from spectree.plugins.werkzeug_utils import flask_response_unpack
from werkzeug.exceptions import HTTPException

from ...services.errors import ServiceError
from .body import BodyInvalid, raw_checks, too_large
from .messages import invalid_from

ERRORS = {
    400: "Corps illisible : pas du JSON valide en UTF-8.",
    401: "Jeton absent, invalide ou révoqué.",
    403: "Appelant authentifié sans le droit requis.",
    404: "Objet inconnu, ou que l'appelant ne peut pas voir.",
    409: "Conflit avec l'état actuel (tentatives épuisées, doublon...).",
    413: "Corps trop volumineux (64 Kio au plus).",
    415: "Content-Type autre que application/json.",
    422: "Champ manquant, inconnu, de mauvais type ou trop long, ou caractère refusé dans le "
    "chemin ou la requête (voir field).",
    429: "Trop de requêtes.",
}
READ = (401, 403, 404)
WRITE = (400, 401, 403, 404, 413, 415)
WRITE_OR_CONFLICT = (*WRITE, 409)
NOT_MODIFIED = "HTTP_304"
PATH_PARAMETERS = {
    "sid": "Training session id",
    "course_id": "Course id, e.g. mrk-stra-05",
    "unit_id": "Unit id, e.g. m1-u1",
    "quiz_id": "Module quiz id, e.g. m1-quiz",
    "lid": "Live quiz (run) id",
    "question_id": "Question id, e.g. l1-q3",
    "pid": "Participant id",
    "rid": "Role-play run id",
    "kind": "An evaluation answered in the room: positioning or hot",
    "number": "Attestation number, e.g. MRK-STRA-05-2026-00001",
    "slot": "Half-day id, e.g. d1-am",
    "cid": "Complaint id",
    "aid": "Improvement action id",
}
# operationId -> (status, content) of an answer that is not a JSON model (a PDF, a ZIP...):
# spectree documents JSON models only; openapi.py writes these in.
OTHER_CONTENT: dict[str, tuple[str, dict[str, Any]]] = {}


def binary(media_type: str) -> dict[str, Any]:
    """Return the ``content`` of an answer that is a file of ``media_type`` (a PDF, a ZIP)."""
    return {media_type: {"schema": {"type": "string", "format": "binary"}}}


class Closed(BaseModel):
    """A request body: an unknown field is refused, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")
    # True when the request may come without a body (or with {}).
    OPTIONAL: ClassVar[bool] = False


class EmptyBody(Closed):
    """No body, or an empty object."""

    OPTIONAL: ClassVar[bool] = True


class ErrorDetail(BaseModel):
    """What went wrong: a code, a message for people, the faulty field when there is one."""

    code: str
    message: str
    field: str | None = None
    details: dict[str, Any] | list[Any] | None = None
    pending: list[dict[str, Any]] | None = Field(
        None, description="Closing refused: signatures awaiting countersignature."
    )


class Error(BaseModel):
    """Every error: ``{"error": {"code", "message"}}``, with ``field`` for a faulty input."""

    error: ErrorDetail


class AnswerBreaksContract(RuntimeError):
    """A view answered something its declared model does not allow (a bug: 500)."""


class StrictBodies(FlaskPlugin):
    """spectree's Flask plugin, reading a JSON body through ``body.raw_checks`` first and
    keeping a refusal for the view to raise after its checks (see the module's docstring)."""

    def request_validation(self, request, query, json, form, headers, cookies):
        """Refuse a too large body now; validate the rest and keep a refusal on the request."""
        if json is not None and _too_large(request):
            abort(413)  # whoever sends it
        g.api_request_read = False
        try:
            self._validate(request, query, json, form, headers, cookies)
        except (ValidationError, ServiceError, HTTPException) as refusal:
            g.api_refusal = refusal

    def _validate(self, request, query, json, form, headers, cookies) -> None:
        super().request_validation(request, query, None, form, headers, cookies)
        if json is None or request.method in ("GET", "DELETE"):
            return
        value = raw_checks(request.get_data(cache=True), request.mimetype, json.OPTIONAL)
        checked = json.model_validate({} if value is None else value)
        request.context = request.context._replace(json=checked)

    def validate(self, func, query, json, form, headers, cookies, *args, **kwargs):
        """Run the view; a view that declares what it reads must ask for it (else a 500)."""
        response = super().validate(func, query, json, form, headers, cookies, *args, **kwargs)
        declared = any(model is not None for model in (query, json, headers))
        if declared and not g.get("api_request_read", True):
            raise AnswerBreaksContract(f"{request.endpoint}: answered without validated_body()")
        return response

    def validate_response(self, resp, resp_model, skip_validation, force_resp_serialize):
        """Leave an answer without a model (a file, a stream, a 304) as the view made it."""
        payload, status, _ = flask_response_unpack(resp)
        if isinstance(payload, FlaskResponse):
            status = payload.status_code if status == 200 else status
            if resp_model is None or resp_model.find_model(status) is None:
                return make_response(resp), None
        response, error = super().validate_response(
            resp, resp_model, skip_validation, force_resp_serialize
        )
        if error is not None:  # the view broke the contract: a 500 with our error body
            raise AnswerBreaksContract(f"{request.endpoint}: {error}") from error
        return response, None


api_spec = SpecTree(
    backend=StrictBodies,
    mode="strict",
    validation_error_model=Error,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda parent, child: child,
    annotations=False,
    title="lexom_learning API",
    version="1.0.0",
    description='Every error is {"error": {"code", "message"}} with a 4xx status, plus "field" '
    'naming the faulty input and "details" where there are several.',
    openapi_version="3.1.0",
    security_schemes=[
        SecurityScheme(
            name="bearer",
            data=SecuritySchemeData(
                type="http",
                scheme="bearer",
                description="A staff token from POST /auth/token, or a participant's access token.",
            ),
        )
    ],
    security={"bearer": []},
)


def operation(
    tag: str,
    answer: type[BaseModel] | str,
    status: int = 200,
    errors: tuple[int, ...] = READ,
    body: type[Closed] | None = None,
    headers: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    public: bool = False,
    also: tuple[str, ...] = (),
    content: dict[str, Any] | None = None,
) -> Callable:
    """Declare a view's answer (a model, described by its docstring, or a description for an
    answer without a model), its errors, body and parameters.

    ``content`` documents an answer that is no JSON model: ``{media type: {"schema": ...}}``.
    """
    if isinstance(answer, str):
        model, description = None, answer
    else:
        model, description = answer, (answer.__doc__ or "").strip().splitlines()[0]
    answers: dict[str, Any] = {f"HTTP_{status}": (model, description)}
    answers.update({f"HTTP_{e}": (Error, ERRORS[e]) for e in (*errors, 422)})

    def decorate(func: Callable) -> Callable:
        if content is not None:
            OTHER_CONTENT[func.__name__] = (str(status), content)
        return api_spec.validate(
            json=body,
            headers=headers,
            query=query,
            resp=Response(*also, **answers),
            tags=[tag],
            security={} if public else None,
            operation_id=func.__name__,
            path_parameter_descriptions=PATH_PARAMETERS,
        )(func)

    return decorate


def _too_large(request) -> bool:
    """Say whether a request's body is over ``MAX_BODY`` (a declared length: never read)."""
    if request.method in ("GET", "DELETE"):
        return False
    return too_large(request)


def validated_body() -> Any:
    """Return the body model the current request was validated into (call it after the
    caller's checks: it raises the request's refusal, 400, 415 or 422, if there is one)."""
    _raise_refusal()
    return request.context.json


def validated_query() -> Any:
    """Return the query model of the current request (raising its refusal, as
    :func:`validated_body`)."""
    _raise_refusal()
    return request.context.query


def _raise_refusal() -> None:
    g.api_request_read = True
    refusal = g.pop("api_refusal", None)
    if isinstance(refusal, ValidationError):
        raise invalid_from(refusal, BodyInvalid)
    if refusal is not None:
        raise refusal
