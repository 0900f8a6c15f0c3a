"""Photo sessions and their stored analyses, the surgeon's marks on a photo, gallery consent."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hipdip.vision import conventions as vision_terms
from hipdip.vision.assessment import Assessment, SideResult, Warning_
from hipdip.vision.conventions import View
from hipdip.web.accounts.models import User
from hipdip.web.patients.models import Patient

#: Stature limits accepted by the analyser, in centimetres (as decimals for the model field).
MIN_HEIGHT_CM = Decimal(f"{vision_terms.MIN_HEIGHT_CM:g}")
MAX_HEIGHT_CM = Decimal(f"{vision_terms.MAX_HEIGHT_CM:g}")
MIN_WEIGHT_KG, MAX_WEIGHT_KG = Decimal("30"), Decimal("300")
MAX_POST_OP_WEEK = 104


class Purpose(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    CONSULTATION = "consultation", "Consultation"
    PRE_OP = "pre_op", "Before surgery"
    POST_OP = "post_op", "After surgery"
    PROGRESS = "progress", "Progress"


class PhotoSession(models.Model):
    """Photos taken together, with the height that gives them their scale."""

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="photo_sessions")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    post_op_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POST_OP_WEEK)],
        help_text="Weeks since surgery, for photos taken after surgery.",
    )
    height_cm = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(MIN_HEIGHT_CM), MaxValueValidator(MAX_HEIGHT_CM)],
    )
    weight_kg = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_WEIGHT_KG), MaxValueValidator(MAX_WEIGHT_KG)],
    )
    taken_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    #: Staff's review of a session whose height or body proportions did not match the
    #: patient's record (see ``selectors.heightcheck``): until then its figures are held
    #: back from plans and consultation cards.
    height_reviewed_at = models.DateTimeField(null=True, blank=True)
    height_reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    height_review_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-taken_on", "-created_at")
        indexes = (models.Index(fields=("patient", "taken_on")),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(purpose="post_op", post_op_week__isnull=False)
                | (~models.Q(purpose="post_op") & models.Q(post_op_week__isnull=True)),
                name="photosession_post_op_week_iff_post_op",
            ),
        )

    def __str__(self) -> str:
        return f"{self.purpose_label} on {self.taken_on:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if self.purpose == Purpose.POST_OP and self.post_op_week is None:
            raise ValidationError({"post_op_week": "Say how many weeks after surgery this is."})
        if self.purpose != Purpose.POST_OP:
            self.post_op_week = None
        if self.taken_on and self.taken_on > timezone.localdate():
            raise ValidationError({"taken_on": "The date cannot be in the future."})

    @property
    def purpose_label(self) -> str:
        if self.purpose == Purpose.POST_OP and self.post_op_week:
            return f"After surgery, week {self.post_op_week}"
        return str(Purpose(self.purpose).label)

    def owner_patient(self) -> Patient:
        return self.patient


#: The analyser's views as form and model choices (values from `hipdip.vision.View`).
VIEW_CHOICES = [(v.value, v.value.capitalize()) for v in View]


class Status(models.TextChoices):
    PENDING = "pending", "Analysing"
    DONE = "done", "Measured"
    FAILED = "failed", "Could not measure"


class Photo(models.Model):
    """One photo of a session and, once analysed, its assessment and annotated overlay.

    The image is re-encoded on upload (no metadata) and stored under a random name; it is
    never reachable by URL except through the authorised views. `assessment_data` is the
    whole `Assessment.to_dict()` (the `hipdip analyze --json` object plus the geometry the
    pictures draw); read it through the typed `assessment`. A failed analysis keeps its
    reason code and never a depth. `left_depth_mm` / `right_depth_mm` repeat the measured
    depths for charts.
    """

    OWNER_PATH: ClassVar[str] = "session__patient"
    #: (the dict it was parsed from, the parsed Assessment): parsed once per dict.
    _assessment_cache: tuple[object, Assessment] | None = None

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(PhotoSession, on_delete=models.CASCADE, related_name="photos")
    view = models.CharField(max_length=8, choices=VIEW_CHOICES)
    image = models.FileField(max_length=200)
    width_px = models.PositiveIntegerField()
    height_px = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    #: The stored form; the database column keeps its first name, ``assessment``.
    assessment_data = models.JSONField(null=True, blank=True, db_column="assessment")
    overlay = models.FileField(max_length=200, blank=True)
    left_depth_mm = models.FloatField(null=True, blank=True)
    right_depth_mm = models.FloatField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    #: When a worker took the pending analysis; empty while it waits in the queue. A
    #: pending photo makes no progress past HIPDIP_STALE_PENDING_SECONDS from this (or
    #: from `queued_at` if it never started) is stuck: queued again by the sweeper.
    started_at = models.DateTimeField(null=True, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("session", "view")
        constraints = (
            models.UniqueConstraint(fields=("session", "view"), name="photo_one_per_view"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(assessment_data__isnull=False),
                name="photo_done_has_assessment",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="failed")
                | (models.Q(left_depth_mm__isnull=True) & models.Q(right_depth_mm__isnull=True)),
                name="photo_failed_has_no_depth",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_view_display()} photo ({self.get_status_display()})"

    def owner_patient(self) -> Patient:
        return self.session.patient

    @property
    def assessment(self) -> Assessment | None:
        """The stored analysis, typed; None while pending or after the analyser crashed."""
        data = self.assessment_data
        if not data:
            return None
        cached = self._assessment_cache
        if cached is not None and cached[0] is data:
            return cached[1]
        parsed = Assessment.from_dict(data)
        self._assessment_cache = (data, parsed)
        return parsed

    @property
    def sides(self) -> dict[str, SideResult]:
        """The per-side results of a done analysis, or an empty dict."""
        a = self.assessment
        if self.status != Status.DONE or a is None or a.sides is None:
            return {}
        return dict(a.sides)

    @property
    def warnings(self) -> tuple[Warning_, ...]:
        """The caveats of the analysis (none before it ran)."""
        a = self.assessment
        return () if a is None else a.warnings


#: Most marks one set may hold (a busy plan has about a dozen).
MAX_MARKS = 60


class MarkingSet(models.Model):
    """The surgeon's marks on one photo: a list of `hipdip.vision.markings.Mark` dicts.

    One set per photo for the consultation, and one per photo and treatment plan once a
    plan refers to it (`plan_id`: the plan's id, kept as a plain value so this app does not
    depend on the plans app). `version` grows by one with every save; a save that names an
    older version is refused, so two people editing at once never overwrite each other
    unknowingly. Coordinates are (x, y) pixels of the photo as analysed.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="marking_sets")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="marking_sets")
    plan_id = models.UUIDField(null=True, blank=True, db_index=True)
    marks = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "imaging_markingset"  # its table from before the apps merged
        ordering = ("-updated_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("photo",),
                condition=Q(plan_id__isnull=True),
                name="markingset_one_per_photo",
            ),
            models.UniqueConstraint(
                fields=("photo", "plan_id"),
                condition=Q(plan_id__isnull=False),
                name="markingset_one_per_photo_and_plan",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="markingset_version_positive"),
        )

    def __str__(self) -> str:
        return f"Markings v{self.version} on {self.photo_id}"

    def owner_patient(self) -> Patient:
        return self.patient


class ConsentScope(models.TextChoices):
    CLINIC = "clinic", "In the clinic (shown to other patients during consultations)"
    PUBLIC = "public", "Public (the clinic's website and printed material)"


class GalleryConsent(models.Model):
    """A patient's recorded agreement that de-identified before/after pictures may be shown.

    Recorded by clinic staff from the signed form; withdrawn by staff or by the patient
    at any time (`revoked_at`). A consent is never deleted, so the history stays.
    """

    OWNER_PATH: ClassVar[str] = "patient"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="gallery_consents")
    scope = models.CharField(max_length=20, choices=ConsentScope.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. where the signed form is filed."
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "imaging_galleryconsent"  # its table from before the apps merged
        ordering = ("-granted_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("patient", "scope"),
                condition=Q(revoked_at__isnull=True),
                name="galleryconsent_one_active_per_scope",
            ),
        )

    def __str__(self) -> str:
        return f"Gallery consent ({self.scope}) of {self.patient_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def owner_patient(self) -> Patient:
        return self.patient
