from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    HEAD = "head", _("Unit head")
    CURATOR = "curator", _("Curator")
    ADMIN = "admin", _("Administrator")
    LEADER = "leader", _("Leader")


# Roles that act for one unit and therefore must belong to one.
UNIT_ROLES = frozenset({Role.OPERATOR, Role.HEAD})
# Roles that see the whole region.
REGION_ROLES = frozenset({Role.CURATOR, Role.ADMIN, Role.LEADER})


class UnitKind(models.TextChoices):
    PERANGKAT_DAERAH = "perangkat_daerah", _("Regional agency")
    KECAMATAN = "kecamatan", _("District")
    PUSKESMAS = "puskesmas", _("Community health centre")
    KELURAHAN = "kelurahan", _("Urban village")
    DESA = "desa", _("Village")


class Verification(models.TextChoices):
    SOURCED = "sourced", _("Sourced")
    SOURCED_OLD = "sourced_old", _("Sourced (old material)")
    UNCERTAIN = "uncertain", _("Uncertain")
    INFERRED = "inferred", _("Inferred")
    MANUAL = "manual", _("Entered by an admin")
