"""People and clinics: a custom user (email sign-in, one role), clinics, invitations, API tokens."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Clinic(models.Model):
    """A body-contouring clinic: it has staff, and patients who belong to it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    COORDINATOR = "coordinator", "Coordinator"
    SURGEON = "surgeon", "Surgeon"
    CLINIC_ADMIN = "clinic_admin", "Clinic admin"


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.SURGEON, Role.CLINIC_ADMIN})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        """A platform operator: Django admin over every clinic, no role in the app itself."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.CLINIC_ADMIN)
        extra.setdefault("full_name", "Operator")
        if extra.get("clinic") is None:
            extra["clinic"], _ = Clinic.objects.get_or_create(
                slug="operators", defaults={"name": "Platform operators"}
            )
        return self.create_user(email, password, **extra)


def normalize_email(email: str) -> str:
    """Emails are compared case-insensitively and stored lower-cased, without spaces."""
    return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in. Staff belong to exactly one clinic; a patient may have none
    (self sign-up) or one."""

    email = models.EmailField(max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PATIENT)
    clinic = models.ForeignKey(
        Clinic, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="May open the Django admin (clinic admins and operators)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name", "email")
        constraints = (
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role="patient") | models.Q(clinic__isnull=False),
                name="user_staff_has_clinic",
            ),
        )

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    @property
    def is_clinic_staff(self) -> bool:
        return self.role in STAFF_ROLES and self.clinic_id is not None

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.CLINIC_ADMIN and self.clinic_id is not None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Invitation(models.Model):
    """An emailed link that lets an invited person choose a password (or join a clinic).

    Only the SHA-256 of the link's token is stored.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    #: Empty when the invitation came from the command line (``clinic_create``).
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Invitation for {self.user.email} to {self.clinic}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


def password_fingerprint(user: User) -> str:
    """SHA-256 of the user's stored password hash: it changes whenever the password does.

    Unlike Django's session hash it does not depend on SECRET_KEY, so rotating the key does
    not end every API token; it reveals nothing the password hash itself does not.
    """
    return hashlib.sha256(f"hipdip.api-token:{user.password}".encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_api_tokens")
    name = models.CharField(max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: Fingerprint of the owner's password hash when the token was issued: a token stops
    #: working as soon as the password changes, by whatever path (reset, admin, command).
    password_fingerprint = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.email})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
