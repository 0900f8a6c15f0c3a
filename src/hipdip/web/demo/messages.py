"""Demo data for contact details and messages (called by ``hipdip demo``; safe to run
again): phone numbers and an emergency contact for the demo patients, and a short thread
for two of them, one with a message the care team has not read yet. A patient who
already has a thread is left as they are."""

from __future__ import annotations

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.messaging.models import Thread
from hipdip.web.messaging.services import message_send, thread_assign, thread_get_or_create
from hipdip.web.patients.models import Patient
from hipdip.web.patients.services import patient_contact_update

#: (phone, preferred contact, emergency contact name, relation, phone) per demo patient.
#: Numbers from Ofcom's London range for drama (020 7946 0xxx), so none rings anyone.
CONTACTS = {
    "patient1@example.com": ("+44 20 7946 0001", "email", "", "", ""),
    "patient2@example.com": (
        "+44 20 7946 0002",
        "phone",
        "Chris Lee",
        "partner",
        "+44 20 7946 0102",
    ),
    "patient3@example.com": (
        "+44 20 7946 0003",
        "phone",
        "Morgan Brooks",
        "sister",
        "+44 20 7946 0103",
    ),
}

#: (patient email, [(from the patient?, body)]) in the order they were written.
THREADS = (
    (
        "patient3@example.com",
        [
            (True, "Hello, is it normal that the bruising has turned yellow-green?"),
            (False, "Yes, that is how bruises fade. It usually clears over the next week or two."),
            (True, "Thank you. When can I start sleeping on my side again?"),
        ],
    ),
    (
        "patient2@example.com",
        [
            (True, "Could I move my consultation to a morning?"),
            (False, "Of course. Choose a new time under Appointments, or reply here and we will."),
        ],
    ),
)


def demo_messages(*, patients: dict[str, Patient], staff: dict[str, User]) -> None:
    """Contact details for every demo patient and a few messages."""
    coordinator = staff["coordinator@example.com"]
    team = Actor(user=coordinator, channel="cli")
    for email, (phone, prefers, name, relation, other) in CONTACTS.items():
        patient = patients.get(email)
        if patient is None or patient.phone:
            continue
        patient_contact_update(
            actor=team,
            patient=patient,
            phone=phone,
            preferred_contact=prefers,
            emergency_contact_name=name,
            emergency_contact_relation=relation,
            emergency_contact_phone=other,
        )
    for email, messages in THREADS:
        patient = patients.get(email)
        if patient is None or Thread.objects.filter(patient=patient).exists():
            continue
        own = Actor(user=patient.user, channel="cli")
        for from_patient, body in messages:
            message_send(actor=own if from_patient else team, patient=patient, body=body)
        thread_assign(
            actor=team, thread=thread_get_or_create(patient=patient), assignee=coordinator
        )
