import datetime as dt
import uuid

from ninja import Field, Schema

from hipdip.web.leads.models import ContactBy, Interest


class LeadIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=40)
    contact_by: ContactBy = ContactBy.EMAIL
    interest: Interest
    message: str = Field(default="", max_length=2000)
    consent: bool
    #: The honeypot: people never fill it; a lead carrying it is dropped unstored.
    website: str = Field(default="", max_length=200)


class LeadReceivedOut(Schema):
    received: bool = True


class LeadOut(Schema):
    id: uuid.UUID
    name: str
    email: str
    phone: str
    contact_by: str
    interest: str
    message: str
    status: str
    notes: str
    source: str
    emailed: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_emailed(obj: object) -> bool:
        return getattr(obj, "notified_at", None) is not None
