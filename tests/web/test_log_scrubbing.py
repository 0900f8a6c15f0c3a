"""Secrets in URLs (calendar feeds, password-reset, sign-up and invitation links, API tokens) never
reach a log: neither `hipdip serve`'s access log nor Django's own (issue 14, finding 6)."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.log import log_response

from hipdip.cli.web import gunicorn_options

FEED = "feedSECRETfeedSECRETfeedSECRET0123456789ab"
RESET = "c3r-SECRETresetSECRETreset0123456789"
INVITE = "inviteSECRETinviteSECRETinvite0123456789"
API = "hd_apiSECRETapiSECRETapiSECRET0123456789"


def _secret_urls() -> list[str]:
    return [
        reverse("recovery:calendar_feed", kwargs={"token": FEED}),
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": RESET}),
        reverse("accounts:invitation", kwargs={"token": INVITE}),
        reverse("accounts:signup_confirm", kwargs={"uidb64": "MQ", "token": RESET}),
        f"/api/me?token={API}",
    ]


def _gunicorn_access_log(tmp_path: Path, urls: list[str]) -> str:
    from gunicorn.config import Config

    cfg = Config()
    args = argparse.Namespace(host="127.0.0.1", port=8000, workers=1)
    for key, value in gunicorn_options(args).items():
        cfg.set(key, value)
    log_file = tmp_path / "access.log"
    cfg.set("accesslog", str(log_file))
    logger = cfg.logger_class(cfg)
    for url in urls:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": url,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.7",
            "HTTP_REFERER": "http://testserver" + url,
            "HTTP_AUTHORIZATION": f"Bearer {API}",
        }
        request = SimpleNamespace(headers=[("AUTHORIZATION", f"Bearer {API}")])
        response = SimpleNamespace(status="200 OK", sent=512, headers=[])
        logger.access(response, request, environ, dt.timedelta(milliseconds=7))
    _close(logger)
    return log_file.read_text()


def _close(logger: Any) -> None:
    for handler in logger.access_log.handlers:
        handler.close()


def test_the_access_log_of_hipdip_serve_leaves_out_link_tokens(tmp_path: Path) -> None:
    text = _gunicorn_access_log(tmp_path, _secret_urls())
    assert text.count("\n") == 5
    assert "SECRET" not in text
    # The log still says what was asked for, and how it went.
    assert "/calendar/" in text and "/accounts/password-reset/" in text
    assert '" 200 512 7ms' in text


def test_the_access_log_format_names_every_part_a_scrubbed_field_can_hide(
    tmp_path: Path,
) -> None:
    """Whatever the format logs (here the full request line, referer and headers), the
    tokens are gone."""
    from gunicorn.config import Config

    cfg = Config()
    for key, value in gunicorn_options(argparse.Namespace(host="h", port=1, workers=1)).items():
        cfg.set(key, value)
    cfg.set("access_log_format", "%(r)s %(q)s %(f)s %({authorization}i)s %({raw_uri}e)s")
    cfg.set("accesslog", str(tmp_path / "full.log"))
    logger = cfg.logger_class(cfg)
    url = _secret_urls()[0] + f"?key={API}"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": url,
        "PATH_INFO": url.partition("?")[0],
        "QUERY_STRING": url.partition("?")[2],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "http://testserver" + url,
    }
    request = SimpleNamespace(headers=[("AUTHORIZATION", f"Bearer {API}")])
    logger.access(
        SimpleNamespace(status="200 OK", sent=1, headers=[]), request, environ, dt.timedelta(0)
    )
    _close(logger)
    text = (tmp_path / "full.log").read_text()
    assert "/calendar/" in text and "SECRET" not in text


@pytest.mark.parametrize("index", range(5))
def test_django_request_errors_are_logged_without_link_tokens(index: int) -> None:
    url = _secret_urls()[index]
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(console, logging.StreamHandler)
    buffer = io.StringIO()
    # Swapped without setStream(): an earlier in-process CLI test may have left the handler
    # on a capture stream pytest has closed since, and setStream() would flush it.
    previous, console.stream = console.stream, buffer
    try:
        request = RequestFactory().get(url)
        log_response(
            "Internal Server Error: %s",
            request.get_full_path(),
            response=HttpResponse(status=500),
            request=request,
        )
    finally:
        console.stream = previous
    text = buffer.getvalue()
    assert "Internal Server Error: /" in text
    assert "SECRET" not in text
