"""Reading messages: a thread and its messages, and unread counts, which are per reader
(what one person has not yet seen from the other side of the thread)."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from hipdip.web.accounts.models import Clinic, User
from hipdip.web.messaging.models import Message, ReadMark, Thread
from hipdip.web.patients.models import Patient


def thread_of(patient: Patient) -> Thread | None:
    """The patient's thread, if anyone has written yet."""
    return Thread.objects.select_related("assigned_to").filter(patient=patient).first()


def messages_of(thread: Thread) -> QuerySet[Message]:
    """A thread's messages, oldest first."""
    return Message.objects.filter(thread=thread).select_related("author").order_by("created_at")


def _other_side(reader: User) -> Q:
    """Messages written by the other side of the thread from `reader`'s point of view."""
    return Q(messages__from_patient=not reader.is_patient)


def threads_with_unread(reader: User) -> QuerySet[Thread]:
    """Threads annotated with ``unread``: messages from the other side that `reader` has
    not seen (newer than their read mark)."""
    mark = ReadMark.objects.filter(thread=OuterRef("pk"), reader=reader).values("read_at")[:1]
    other = _other_side(reader)
    unseen = Q(read_mark_at__isnull=True) | Q(messages__created_at__gt=F("read_mark_at"))
    return (
        Thread.objects.select_related("patient__user", "assigned_to")
        .annotate(read_mark_at=Subquery(mark))
        .annotate(unread=Count("messages", filter=other & unseen, distinct=True))
    )


def unread_count(*, thread: Thread, reader: User) -> int:
    """How many messages of `thread` `reader` has not read yet."""
    row = threads_with_unread(reader).filter(pk=thread.pk).first()
    return unread_of(row) if row is not None else 0


def unread_of(thread: Thread) -> int:
    """The ``unread`` annotation of a thread from :func:`threads_with_unread`."""
    return int(getattr(thread, "unread", 0) or 0)


def clinic_inbox(*, clinic: Clinic, reader: User, show: str = "all") -> QuerySet[Thread]:
    """The clinic's threads for one staff member, newest first.

    ``show``: ``all``, ``unread`` (something new for this reader), ``mine`` (assigned to
    the reader) or ``unassigned``.
    """
    qs = threads_with_unread(reader).filter(patient__clinic=clinic, last_message_at__isnull=False)
    if show == "unread":
        qs = qs.filter(**{"unread__gt": 0})  # an annotation: unknown to the type stubs
    elif show == "mine":
        qs = qs.filter(assigned_to=reader)
    elif show == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    return qs.order_by("-last_message_at")


def unread_total(reader: User) -> int:
    """Messages waiting for `reader`: in their own thread (a patient) or in their clinic's
    threads (staff)."""
    if reader.is_patient:
        qs = threads_with_unread(reader).filter(patient__user=reader)
    elif reader.is_clinic_staff and reader.clinic_id is not None:
        qs = threads_with_unread(reader).filter(patient__clinic_id=reader.clinic_id)
    else:
        return 0
    return sum(unread_of(t) for t in qs)


def clinic_team(clinic: Clinic) -> QuerySet[User]:
    """The staff a thread can be assigned to."""
    return User.objects.filter(
        clinic=clinic, is_active=True, role__in=("coordinator", "surgeon", "clinic_admin")
    ).order_by("full_name", "email")
