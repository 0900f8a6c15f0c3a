"""The public contact / get started page and the staff's leads list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from hipdip.web.accounts.actor import actor_from_request, client_ip
from hipdip.web.clinic.selectors import site_clinic
from hipdip.web.core.errors import DomainError, Throttled
from hipdip.web.core.forms import form_add_domain_error
from hipdip.web.leads.forms import ContactForm, LeadForm
from hipdip.web.leads.models import LeadSource, LeadStatus
from hipdip.web.leads.selectors import lead_for_staff, leads_for_staff
from hipdip.web.leads.services import LeadInput, lead_submit, lead_update


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """Ask the clinic to get in touch: creates a lead for its coordinators."""
    clinic = site_clinic()
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        honeypot = request.POST.get("website", "")
        try:
            if honeypot:
                lead_submit(
                    clinic=clinic,
                    data=LeadInput("", "", "", "email", "", "", False),
                    honeypot=honeypot,
                    source=LeadSource.FORM,
                    address=client_ip(request),
                )
                return redirect("leads:contact_thanks")
            if form.is_valid():
                d = form.cleaned_data
                lead_submit(
                    clinic=clinic,
                    data=LeadInput(
                        name=d["name"],
                        email=d["email"],
                        phone=d["phone"],
                        contact_by=d["contact_by"],
                        interest=d["interest"],
                        message=d["message"],
                        consent=d["consent"],
                    ),
                    honeypot="",
                    source=LeadSource.FORM,
                    address=client_ip(request),
                )
                return redirect("leads:contact_thanks")
            status = 400
        except Throttled as exc:
            form.add_error(None, exc.message)
            status = 429
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = 400
    return render(request, "leads/contact.html", {"form": form, "clinic": clinic}, status=status)


@require_GET
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "leads/contact_thanks.html", {"clinic": site_clinic()})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What happens to an enquiry (linked from the form's consent)."""
    return render(request, "leads/privacy.html", {"clinic": site_clinic()})


@login_required
@require_GET
def lead_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    status = request.GET.get("status", "")
    leads = leads_for_staff(actor=actor, status=status)[:200]
    return render(
        request,
        "leads/list.html",
        {"leads": leads, "status": status, "statuses": LeadStatus.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def lead_detail(request: HttpRequest, lead_id: str) -> HttpResponse:
    actor = actor_from_request(request, channel="web")
    lead = lead_for_staff(actor=actor, lead_id=lead_id)
    form = LeadForm(request.POST or None, initial={"status": lead.status, "notes": lead.notes})
    if request.method == "POST" and form.is_valid():
        try:
            lead_update(
                actor=actor,
                lead=lead,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, "Lead saved.")
            return redirect("leads:detail", lead_id=lead.pk)
    invite_url = (
        reverse("patients:invite") + "?" + urlencode({"full_name": lead.name, "email": lead.email})
    )
    return render(
        request, "leads/detail.html", {"lead": lead, "form": form, "invite_url": invite_url}
    )
