"""API: a surgeon publishes a before/after comparison to /results/ or withdraws it."""

import uuid

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.results.models import ResultPublication
from hipdip.web.results.services import result_publish, result_withdraw

router = Router(tags=["results"])


class ResultPublishIn(Schema):
    before_session: uuid.UUID
    after_session: uuid.UUID
    view: str = "front"


class ResultPublicationOut(Schema):
    id: uuid.UUID
    view: str
    live: bool

    @staticmethod
    def resolve_live(obj: ResultPublication) -> bool:
        return obj.withdrawn_at is None


@router.post("/results", response={201: ResultPublicationOut})
def publish(request: HttpRequest, payload: ResultPublishIn) -> ResultPublication:
    """Approve a comparison for the public gallery (a surgeon of the patient's clinic; the
    patient's public gallery consent must be active)."""
    actor = api_actor(request)
    before = get_object_or_404(PhotoSession, pk=payload.before_session)
    after = get_object_or_404(PhotoSession, pk=payload.after_session)
    return result_publish(actor=actor, before=before, after=after, view=payload.view)


@router.post("/results/{publication_id}/withdraw", response=ResultPublicationOut)
def withdraw(request: HttpRequest, publication_id: uuid.UUID) -> ResultPublication:
    actor = api_actor(request)
    publication = get_object_or_404(ResultPublication, pk=publication_id)
    return result_withdraw(actor=actor, publication=publication)
