"""API: ``POST /api/leads`` (public: a person asks the clinic to contact them) and
``GET /api/leads`` (the clinic's staff)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from hipdip.web.accounts.actor import client_ip
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.clinic.selectors import site_clinic
from hipdip.web.leads.models import Lead, LeadSource
from hipdip.web.leads.schemas import LeadIn, LeadOut, LeadReceivedOut
from hipdip.web.leads.selectors import leads_for_staff
from hipdip.web.leads.services import LeadInput, lead_submit

router = Router(tags=["leads"])


@router.post("/leads", response={201: LeadReceivedOut}, auth=None)
def lead_create(request: HttpRequest, payload: LeadIn) -> LeadReceivedOut:
    """Ask the clinic to get in touch. Needs `consent: true`; limited per address."""
    lead_submit(
        clinic=site_clinic(),
        data=LeadInput(
            name=payload.name,
            email=payload.email,
            phone=payload.phone,
            contact_by=payload.contact_by.value,
            interest=payload.interest.value,
            message=payload.message,
            consent=payload.consent,
        ),
        honeypot=payload.website,
        source=LeadSource.API,
        address=client_ip(request),
    )
    # The same answer whether the lead was kept or dropped as spam: robots learn nothing.
    return LeadReceivedOut()


class LeadFilter(Schema):
    status: str = ""


@router.get("/leads", response=list[LeadOut])
@paginate(LimitOffsetPagination)
def lead_list(request: HttpRequest, filters: Query[LeadFilter]) -> QuerySet[Lead]:
    """The leads of the caller's clinic, newest first (`?status=new|contacted|booked|closed`)."""
    return leads_for_staff(actor=api_actor(request), status=filters.status)
