from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from intan_banjar.choices import ChoiceLabels
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet

from .enums import REGION_ROLES, UNIT_ROLES, Role, UnitKind, Verification
from .fields import nip_validator, phone_validator

# The portal's languages (settings.LANGUAGES), spelled out so migrations do not read settings.
PORTAL_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def visible_to(self, user):
        """Every signed-in user may see the regency's units (they are public reference data)."""
        if not user.is_authenticated:
            return self.none()
        return self

    def for_list(self):
        return self.select_related("parent", "kecamatan")

    def search(self, text):
        """Units whose name or code contains each word of `text` (the unit search box)."""
        matches = self
        for word in text.split():
            matches = matches.filter(Q(name__icontains=word) | Q(code__icontains=word))
        return matches


class Unit(ChoiceLabels, models.Model):
    """An organisational unit of the regency as it is (or was): renamed, merged, retired in place.

    Innovations and agreements point at the unit row; a merge deactivates the old row instead of
    deleting it, so records of past years keep the unit they were made by.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True, allow_unicode=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kecamatan = models.ForeignKey(
        "self",
        verbose_name=_("district served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="served_units",
        limit_choices_to={"kind": UnitKind.KECAMATAN},
    )
    kemendagri_code = models.CharField(_("Kemendagri region code"), max_length=20, blank=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_nip = models.CharField(
        _("head's NIP"), max_length=18, blank=True, validators=[nip_validator]
    )
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    verification = models.CharField(
        _("source verification"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.MANUAL,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins manage every account; everyone else sees only their own."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.ADMIN:
            return self
        return self.filter(pk=user.pk)

    def for_list(self):
        return self.select_related("unit")

    def search(self, text):
        """Accounts whose name, e-mail or unit name contains each word of `text`."""
        matches = self
        for word in text.split():
            matches = matches.filter(
                Q(full_name__icontains=word)
                | Q(email__icontains=word)
                | Q(unit__name__icontains=word)
            )
        return matches


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True
    _by_pk = {}

    def get(self, *args, **kwargs):
        """`User.objects.get(pk=...)` from SQL compiled once (issue 20): auth's ModelBackend
        reads the signed-in user so on every request (intan_banjar/prepared_reads.py). Any other
        call, a related manager's (`unit.users`, a subclass) included, is the ORM's."""
        if type(self) is UserManager and self._db is None and not args and kwargs.keys() == {"pk"}:
            read = self._by_pk.get(self.model)
            if read is None:
                model = self.model
                read = self._by_pk[model] = PreparedGet(
                    model, lambda pk: model._default_manager.get_queryset().filter(pk=pk), pk=int
                )
            user = read.get(pk=kwargs["pk"])
            if user is None:
                raise self.model.DoesNotExist(
                    f"{self.model._meta.object_name} matching query does not exist."
                )
            if user is not NOT_PREPARED:
                return user
        return super().get(*args, **kwargs)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        fields.setdefault("full_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(ChoiceLabels, AbstractBaseUser, PermissionsMixin):
    """A portal account. One role per person; operators and heads belong to exactly one unit.

    The role is a field rather than a set of Django groups: a person holds one role at a time,
    and a field makes that a database fact that rules, lists and exports can filter on.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OPERATOR)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    is_lead = models.BooleanField(
        _("lead curator"),
        default=False,
        help_text=_("A lead curator may approve and reject innovations and assign curators."),
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    # The language the person chose in their profile: the pages' after each sign-in, and their
    # e-mails' (notifications.rendering.language_for). Empty until chosen: the portal's default
    # (Indonesian) for e-mails, and whatever the language switch last said for the pages.
    language = models.CharField(
        _("language"), max_length=8, choices=PORTAL_LANGUAGES, blank=True, default=""
    )
    # A curator's fields of expertise, as government affairs (urusan) like an innovation's
    # `affairs`: auto-assignment prefers a curator whose field matches (issue 16).
    expertise = models.JSONField(_("fields of expertise"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Mixed into the session auth hash; "sign out everywhere" replaces it, which ends every
    # session of the user at its next request. Empty: the hash is Django's own.
    session_salt = models.CharField(max_length=32, blank=True, default="", editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=sorted(UNIT_ROLES)) | Q(unit__isnull=False),
                name="unit_role_has_unit",
                violation_error_message=_("An operator or unit head must belong to a unit."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError({"unit": _("An operator or unit head must belong to a unit.")})
        if self.is_lead and self.role != Role.CURATOR:
            raise ValidationError({"is_lead": _("Only curators can be lead curators.")})

    def save(self, *args, **kwargs):
        # Admins use the Django admin site; superusers are always admins.
        if self.is_superuser:
            self.role = Role.ADMIN
        if self.role == Role.ADMIN:
            self.is_staff = True
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            # Every way of setting a password (own change, admin reset, API, service, command)
            # ends in set_password() + save(): tokens made with the old password end here.
            # Sessions end through the session auth hash, which the password is part of.
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=self).delete()

    def _get_session_auth_hash(self, secret=None):
        if not self.session_salt:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_salt}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def sees_region(self):
        return self.role in REGION_ROLES

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email
