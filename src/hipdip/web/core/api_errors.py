"""The one JSON error shape of the API, and the one place exceptions are mapped to it:

{"error": {"code": "not_found", "message": "A plain sentence.", "details": null}}
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hipdip.web.core.errors import DomainError

logger = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "server_error",
}
_STATUS_MESSAGES = {
    400: "The request could not be understood.",
    401: "Sign in first: send an Authorization: Bearer <token> header.",
    403: "You are not allowed to do this.",
    404: "Not found.",
    405: "This method is not allowed here.",
    409: "The request conflicts with the current state (e.g. already done or in progress).",
    413: "The request is too large.",
    415: "This content type is not supported here.",
    422: "The request is not valid.",
    429: "Too many requests; wait a moment.",
    500: "Something went wrong on our side. It has been logged.",
}


def error_body(
    status: int, *, code: str | None = None, message: str | None = None, details: Any = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code or _STATUS_CODES.get(status, "error"),
            "message": message or _STATUS_MESSAGES.get(status, "The request failed."),
            "details": details,
        }
    }


def error_response(status: int, **kwargs: Any) -> JsonResponse:
    return JsonResponse(error_body(status, **kwargs), status=status)


def _validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", ())]
        details.append(
            {
                "location": loc[0] if loc else "",
                "field": ".".join(loc[1:]),
                "message": str(err.get("msg", "invalid")),
                "type": str(err.get("type", "")),
            }
        )
    return details


def handle_api_exception(request: HttpRequest, exc: Any) -> HttpResponse:
    """Map any exception raised inside the API to the error shape."""
    if isinstance(exc, DomainError):
        return error_response(
            exc.status_code, code=exc.code, message=exc.message, details=exc.details
        )
    if isinstance(exc, ValidationError):
        return error_response(422, details=_validation_details(exc))
    if isinstance(exc, AuthenticationError):
        return error_response(401)
    if isinstance(exc, HttpError):
        status = exc.status_code
        message = "The request body is not valid JSON." if status == 400 else None
        return error_response(status, message=message)
    if isinstance(exc, Http404):
        return error_response(404)
    if isinstance(exc, PermissionDenied):
        return error_response(403, message=str(exc) or None)
    if isinstance(exc, (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent)):
        return error_response(413)
    if isinstance(exc, (MultiPartParserError, UnreadablePostError)):
        return error_response(
            400, code="bad_multipart", message="The multipart form data could not be read."
        )
    logger.exception("unhandled API error on %s %s", request.method, request.path)
    return error_response(500)


#: The error shape as an OpenAPI component.
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "A stable code, e.g. not_found."},
                "message": {"type": "string", "description": "A plain sentence."},
                "details": {"description": "Field errors or other specifics, or null."},
            },
            "required": ["code", "message", "details"],
        }
    },
    "required": ["error"],
}
_UNSAFE = {"post", "put", "patch", "delete"}


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The 4xx answers an operation can give, from what it takes and who may call it."""
    codes: set[int] = set()
    body = operation.get("requestBody")
    if operation.get("security"):
        codes |= {401, 403}
    elif method in _UNSAFE:
        codes.add(429)  # the only unauthenticated writes are rate-limited sign-ins
    if "{" in path or (body and operation.get("security")):
        codes.add(404)  # the object in the path, or one the body names, may not exist
    if operation.get("parameters") or body:
        codes.add(422)
    if body:
        codes |= {400, 413, 415}
    if method in _UNSAFE:
        codes.add(409)
    return codes


def file_response(content_type: str, description: str) -> dict[str, Any]:
    """`openapi_extra` for an operation whose 200 answer is a file (a photo, a PDF, a zip,
    a calendar), so the schema names its real content type instead of JSON."""
    content = {content_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"responses": {200: {"description": description, "content": content}}}


def _drop_json_beside_a_file(responses: dict[Any, Any]) -> None:
    """A `bytes` answer is documented by ninja as JSON; with `file_response` beside it,
    only the real content type stays."""
    ok = responses.get(200)
    content = ok.get("content", {}) if isinstance(ok, dict) else {}
    json_schema = content.get("application/json", {}).get("schema", {})
    if len(content) > 1 and json_schema.get("type") == "string":
        del content["application/json"]


def document_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error shape to `schema`'s components and, to every operation, the 4xx
    answers it can give (those it declares itself are kept)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            _drop_json_beside_a_file(responses)
            for status in sorted(_error_codes(path, method, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": _STATUS_MESSAGES.get(status, "The request failed."),
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return schema


def install(api: NinjaAPI) -> None:
    """Route every exception class through `handle_api_exception`."""
    for exc_class in (Exception, Http404, HttpError, ValidationError):
        api.add_exception_handler(exc_class, handle_api_exception)


class ApiErrorShapeMiddleware:
    """Responses that never reached the API's handlers (unknown paths, 405 from the router,
    CSRF or host checks, server errors) still leave /api/ in the error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        shaped = error_response(response.status_code)
        if response.has_header("Allow"):
            shaped["Allow"] = response["Allow"]
        return shaped
