"""Treatment plans, their history, the pre-op checklist ticks, and procedure records.

The volumes of a plan are not stored while it is a draft: they are worked out by
:func:`hipdip.care.grafting.plan_treatment` from the surgeon's choices, the latest
measurements and the clinic's settings. Approval freezes them (``approved_snapshot``),
so the record of what the surgeon approved never changes under anyone's feet.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from hipdip.care.grafting import Anaesthesia, InjectionPlane
from hipdip.web.accounts.models import User
from hipdip.web.assessments.models import PhotoSession
from hipdip.web.patients.models import Patient

#: Sanity limits for typed-in volumes and times (typos), not clinical thresholds.
MAX_SIDE_ML = 2000
MAX_ASPIRATE_ML = 20000
MAX_DURATION_MIN = 960
MAX_RPM = 20000
MAX_ROTOR_CM = 50
MAX_CENTRIFUGE_MIN = 60


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class GraftSides(models.TextChoices):
    BOTH = "both", "Both sides"
    LEFT = "left", "Left side only"
    RIGHT = "right", "Right side only"


PLANE_CHOICES = [
    (InjectionPlane.SUBCUTANEOUS, "Subcutaneous"),
    (InjectionPlane.INTRAMUSCULAR, "Intramuscular"),
    (InjectionPlane.SUBMUSCULAR, "Submuscular"),
]
ANAESTHESIA_CHOICES = [
    (Anaesthesia.LOCAL_TUMESCENT, "Tumescent local"),
    (Anaesthesia.SEDATION, "Intravenous sedation"),
    (Anaesthesia.GENERAL, "General"),
]
PLANE_LABELS: dict[str, str] = {str(k): v for k, v in PLANE_CHOICES}
ANAESTHESIA_LABELS: dict[str, str] = {str(k): v for k, v in ANAESTHESIA_CHOICES}


class TreatmentPlan(models.Model):
    """The surgeon's plan for one patient: choices, then approval.

    ``version`` grows with every save; a save based on an older version is refused (409)
    so that two people editing at once never silently overwrite each other.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="treatment_plan")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    graft_sides = models.CharField(
        max_length=5, choices=GraftSides.choices, default=GraftSides.BOTH
    )
    plane_left = models.CharField(
        max_length=15, choices=PLANE_CHOICES, default=InjectionPlane.SUBCUTANEOUS
    )
    plane_right = models.CharField(
        max_length=15, choices=PLANE_CHOICES, default=InjectionPlane.SUBCUTANEOUS
    )
    donor_sites = models.JSONField(default=list, blank=True)
    anaesthesia = models.CharField(
        max_length=20, choices=ANAESTHESIA_CHOICES, default=Anaesthesia.LOCAL_TUMESCENT
    )
    contour_liposuction_ml = models.PositiveIntegerField(
        default=0, validators=[MaxValueValidator(MAX_ASPIRATE_ML)]
    )
    planned_left_ml = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_SIDE_ML)]
    )
    planned_right_ml = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_SIDE_ML)]
    )
    surgery_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=4000)
    measurement_session = models.ForeignKey(
        PhotoSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by_name = models.CharField(max_length=150, blank=True)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_snapshot = models.JSONField(null=True, blank=True)
    #: The measurements a surgeon last accepted for the approved figures (set when they
    #: re-confirm after new photos); empty: those of ``approved_snapshot``.
    confirmed_measurements = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (models.Q(approved_at__isnull=False) & models.Q(approved_snapshot__isnull=False)),
                name="plan_approved_has_snapshot",
            ),
        )

    def __str__(self) -> str:
        return f"Treatment plan ({self.get_status_display().lower()})"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class PlanEventKind(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    APPROVED = "approved", "Approved"
    APPROVAL_WITHDRAWN = "unapproved", "Approval withdrawn by a change"
    RECONFIRMED = "reconfirmed", "Approved figures kept after new measurements"
    REVISED = "revised", "Sent back to draft after new measurements"


class PlanEvent(models.Model):
    """The plan's history: who created, changed or approved it, and what changed."""

    OWNER_PATH: ClassVar[str] = "plan__patient"

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=PlanEventKind.choices)
    version = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True)
    changes = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (v{self.version})"

    def owner_patient(self) -> Patient:
        return self.plan.patient


class ChecklistTick(models.Model):
    """A pre-op checklist item the patient (or staff) marked as done.

    A tick counts only while the item still reads the same: if the surgery date or the
    medicines change, the item's text changes and it has to be ticked again.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="checklist_ticks")
    item_key = models.CharField(max_length=60)
    item_text = models.TextField()
    ticked_at = models.DateTimeField(default=timezone.now)
    ticked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("patient", "item_key"), name="tick_one_per_item"),
        )

    def __str__(self) -> str:
        return f"Ticked {self.item_key}"

    def owner_patient(self) -> Patient:
        return self.patient


class Processing(models.TextChoices):
    CENTRIFUGATION = "centrifugation", "Centrifugation"
    DECANTATION = "decantation", "Decantation"
    FILTRATION = "filtration", "Filtration / washing"
    OTHER = "other", "Other"


class Complication(models.TextChoices):
    NONE = "none", "None"
    BLEEDING = "bleeding", "More bleeding than expected"
    ANAESTHESIA = "anaesthesia", "Reaction to anaesthesia"
    HYPOTENSION = "hypotension", "Low blood pressure"
    EMBOLISM = "embolism", "Suspected fat embolism"
    SKIN = "skin", "Skin or wound problem"
    OTHER = "other", "Other (see notes)"


class ProcedureRecord(models.Model):
    """What was done on the day, compared with the approved plan.

    ``harvest`` maps donor-site slugs (``hipdip.care.grafting.DONOR_SITES``) to the
    lipoaspirate taken there, in mL. ``injected_*_ml`` is empty for a side not grafted.
    ``centrifuge_g`` is worked out from rpm and rotor radius when both are given.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.OneToOneField(
        Patient, on_delete=models.CASCADE, related_name="procedure_record"
    )
    # RESTRICT, not PROTECT: the plan cannot be deleted on its own while a procedure names
    # it, but both go when the patient is erased (hipdip.web.privacy).
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.RESTRICT, related_name="procedures")
    version = models.PositiveIntegerField(default=1)
    performed_on = models.DateField()
    surgeon = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    surgeon_name = models.CharField(max_length=150)
    team = models.TextField(blank=True, max_length=1000)
    anaesthesia = models.CharField(max_length=20, choices=ANAESTHESIA_CHOICES)
    harvest = models.JSONField(default=dict)
    processing = models.CharField(max_length=20, choices=Processing.choices)
    centrifuge_rpm = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_RPM)]
    )
    rotor_radius_cm = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ROTOR_CM)],
    )
    centrifuge_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CENTRIFUGE_MIN)],
    )
    centrifuge_g = models.PositiveIntegerField(null=True, blank=True)
    injected_left_ml = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_SIDE_ML)]
    )
    injected_right_ml = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_SIDE_ML)]
    )
    plane_left = models.CharField(max_length=15, choices=PLANE_CHOICES, blank=True)
    plane_right = models.CharField(max_length=15, choices=PLANE_CHOICES, blank=True)
    duration_min = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MIN)]
    )
    complications = models.JSONField(default=list)
    complication_notes = models.TextField(blank=True, max_length=2000)
    notes = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Procedure on {self.performed_on:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def total_harvest_ml(self) -> int:
        return int(sum(self.harvest.values())) if self.harvest else 0


class ProcedureOverride(models.Model):
    """A surgeon's recorded decision to record a procedure despite one safety check.

    ``item`` is the check's key (``early``, ``checklist``, ``no_surgery_date``,
    ``plan_drift`` or ``finding-<code>``); ``what`` is the sentence the surgeon saw.
    """

    OWNER_PATH: ClassVar[str] = "record__patient"

    record = models.ForeignKey(ProcedureRecord, on_delete=models.CASCADE, related_name="overrides")
    item = models.CharField(max_length=80)
    what = models.TextField(max_length=2000)
    reason = models.TextField(max_length=2000)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"Override of {self.item} by {self.by_name}"

    def owner_patient(self) -> Patient:
        return self.record.patient
