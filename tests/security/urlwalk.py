"""The URL configuration as a flat list, and the cast and objects the security tests fill it with.

Walking `get_resolver()` (not a hand-written list) is the point: a view added tomorrow shows up
here by itself, and the matrix fails until someone declares who may reach it.
"""

import dataclasses
import datetime

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from accounts.enums import Role
from accounts.models import Unit
from iga.models import PublishedIndex
from innovations.enums import Status
from tests.curation.factories import AssignmentFactory, InternalCommentFactory, ReviewFactory
from tests.factories import UnitFactory, UserFactory
from tests.iga.factories import IgaEntryFactory, RegionIndicatorFactory
from tests.innovations.factories import PDF_BYTES, AttachmentFactory, InnovationFactory, open_cycle
from tests.notifications.factories import NotificationFactory, TransitionLogFactory

ROLES = (
    "anonymous",
    "operator",
    "head",
    "other_operator",
    "curator",
    "lead_curator",
    "admin",
    "leader",
)
STAFF_ROLES = ROLES[1:]

# Open to everyone by design (PRODUCT.md §1, §10; API.md "Public"): not part of the matrix.
PUBLIC_NAMES = {
    "login",
    "set_language",
    "api-docs",
    "api-schema",
    "api-token",
    # Setting one's own password from an e-mailed link (issue 17): for people not signed in.
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "invitation_confirm",
}
# The help pages (issue 17) answer visitors too: a short public guide, the staff guides readable.
PUBLIC_NAMESPACES = {"katalog", "public-api", "portfolio-public-api", "help"}


@dataclasses.dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # human-readable path, e.g. /innovations/<pk>/
    callback: object
    params: tuple  # the path parameters' names

    @property
    def is_api(self):
        return self.route.startswith("/api/")

    @property
    def is_public(self):
        namespace = self.name.partition(":")[0] if ":" in self.name else ""
        return self.name in PUBLIC_NAMES or namespace in PUBLIC_NAMESPACES

    def methods(self):
        """GET and POST always; PUT/PATCH/DELETE where a DRF view declares a handler."""
        methods = ["GET", "POST"]
        actions = getattr(self.callback, "actions", None)
        cls = getattr(self.callback, "cls", None)
        for method in ("put", "patch", "delete"):
            if actions is not None:
                accepted = method in actions
            else:
                accepted = cls is not None and hasattr(cls, method)
            if accepted:
                methods.append(method.upper())
        return methods


def _walk(resolver, prefix, namespace):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def all_routes():
    """Every URL pattern of the project except Django admin's own and static files."""
    routes = []
    for raw, entry, namespace in _walk(get_resolver(), "", ""):
        if namespace == "admin" or raw.startswith(("admin/", "static/", "media/")):
            continue
        if not entry.name:
            raise AssertionError(f"unnamed URL pattern {raw!r}: the matrix cannot declare it")
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        params = tuple(entry.pattern.regex.groupindex)
        routes.append(Route(name, "/" + raw, entry.callback, params))
    names = [route.name for route in routes]
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates, f"URL names used twice: {duplicates}"
    return routes


@dataclasses.dataclass
class World:
    """Unit A's objects (seen by A's staff and the region roles), a cast per role, and B."""

    users: dict
    unit: object
    other_unit: object
    cycle: object
    innovation: object
    attachment: object
    approved: object
    agreement: object
    notification: object
    launch: object
    export_job: object
    entry: object
    region_indicator: object
    note_template: object = None
    launched: object = None  # last year's, unit A's: its decree, report and replication
    decree: object = None
    report: object = None
    replication: object = None
    legacy_import: object = None

    def kwargs_for(self, route):
        """Real values for the route's path parameters: a 404 must mean "hidden", not "bogus"."""
        name = route.name
        values = {}
        for param in route.params:
            if param == "pk" and name.startswith("portfolio") and "import" in name:
                values[param] = self.legacy_import.pk
            elif param == "pk" and name.startswith("portfolio"):
                values[param] = self.launched.pk
            elif param == "pk":
                if "agreement" in name:
                    values[param] = self.agreement.pk
                elif "notification" in name:
                    values[param] = self.notification.pk
                elif name.startswith("launch-"):
                    values[param] = self.launch.pk
                elif name.startswith("user_"):
                    values[param] = self.users["operator"].pk
                elif name in ("iga:readiness", "iga-api:innovation-iid"):
                    values[param] = self.approved.pk
                else:
                    values[param] = self.innovation.pk
            elif param == "attachment_id":
                values[param] = self.attachment.pk
            elif param == "year":
                values[param] = self.cycle.year
            elif param == "uidb64":
                values[param] = urlsafe_base64_encode(force_bytes(self.users["operator"].pk))
            elif param == "token" and name in ("password_reset_confirm", "invitation_confirm"):
                values[param] = default_token_generator.make_token(self.users["operator"])
            elif param == "token":
                values[param] = str(self.export_job.token)
            elif param == "code" and name.startswith("portfolio-public-api"):
                values[param] = self.launched.code
            elif param == "code":
                values[param] = self.unit.code
            elif param == "decree_id":
                values[param] = self.decree.pk
            elif param == "replication_id":
                values[param] = self.replication.pk
            elif param == "period":
                values[param] = self.report.period
            elif param == "fmt":
                values[param] = "csv"
            elif param == "email" and name == "curation-api:assignment":
                values[param] = self.users["curator"].email  # assigned to the innovation
            elif param == "email":
                values[param] = self.users["operator"].email
            elif param == "entry_id":
                values[param] = self.entry.pk
            elif param == "template_id":
                values[param] = self.note_template.pk
            elif param == "slug" and name == "help:guide":
                values[param] = "operator"
            elif param == "number" and name.endswith("region-evidence"):
                values[param] = 1  # the region indicator with an evidence file on record
            elif param == "number":
                values[param] = 16  # an innovation indicator of the cycle's rules
            else:
                raise AssertionError(f"{name}: no real object known for <{param}>")
        return values

    def url(self, route):
        return reverse(route.name, kwargs=self.kwargs_for(route))

    def client(self, role, **options):
        """A client signed in as `role`: session for pages, token for the API."""
        client = Client(**{"raise_request_exception": False, **options})
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
            token, _ = Token.objects.get_or_create(user=user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client


def build_world():
    unit = UnitFactory()
    other_unit = UnitFactory()
    # The migrations seed Banjar's 74 units: the all-units agreement PDF would spend ~5 s per
    # request rendering them. Units A and B exercise the same code.
    Unit.objects.exclude(pk__in=[unit.pk, other_unit.pk]).update(active=False)
    users = {
        "anonymous": None,
        "operator": UserFactory(role=Role.OPERATOR, unit=unit),
        "head": UserFactory(role=Role.HEAD, unit=unit),
        "other_operator": UserFactory(role=Role.OPERATOR, unit=other_unit),
        "curator": UserFactory(role=Role.CURATOR),
        "lead_curator": UserFactory(role=Role.CURATOR, is_lead=True),
        "admin": UserFactory(role=Role.ADMIN),
        "leader": UserFactory(role=Role.LEADER),
    }
    cycle = open_cycle()
    innovation = InnovationFactory(
        unit=unit,
        cycle=cycle,
        status=Status.IN_REVIEW,
        submitted_at=datetime.datetime(cycle.year, 1, 5, tzinfo=datetime.UTC),
    )
    attachment = AttachmentFactory(innovation=innovation)
    AssignmentFactory(innovation=innovation, curator=users["curator"])
    ReviewFactory(innovation=innovation, curator=users["curator"])
    InternalCommentFactory(innovation=innovation, author=users["curator"])
    TransitionLogFactory(
        innovation=innovation, action="start_review", from_status="submitted", to_status="in_review"
    )
    approved = InnovationFactory(unit=unit, cycle=cycle, status=Status.APPROVED)
    from agreements.models import Agreement
    from reports.models import ExportJob, LaunchEvent

    agreement = Agreement.objects.create(
        unit=unit,
        cycle=cycle,
        committed_count=1,
        planned_titles=["Layanan Cepat Adminduk"],
        signatory_name=unit.head_name,
        signatory_nip=unit.head_nip,
        signatory_title=unit.head_title,
        # A scan on file, so its routes answer for the agreement rather than 404 for no scan.
        scan=ContentFile(PDF_BYTES, name="pindaian.pdf"),
    )
    notification = NotificationFactory(recipient=users["operator"])
    launch = LaunchEvent.objects.create(
        cycle=cycle, name="Launching INTAN BANJAR", date=cycle.launch_date, venue="Martapura"
    )
    export_job = ExportJob.objects.create(
        user=users["admin"],
        kind="innovations",
        format="csv",
        status=ExportJob.Status.DONE,
        file=ContentFile(b"code,title\r\n", name="inovasi.csv"),
        filename="inovasi.csv",
    )
    entry = IgaEntryFactory(innovation=approved, cycle=cycle)
    region_indicator = RegionIndicatorFactory(
        cycle=cycle,
        number=1,
        evidence_file=ContentFile(PDF_BYTES, name="lhp.pdf"),
        evidence_filename="lhp.pdf",
    )
    from curation.models import NoteTemplate

    note_template = NoteTemplate.objects.create(
        action="request_revision", title="Lengkapi bukti", body="Mohon lengkapi bukti dukung."
    )
    # The published index of the world's year (history-year routes name the cycle's year).
    PublishedIndex.objects.create(year=cycle.year, index="58.10", predicate="inovatif")
    portfolio = build_portfolio(unit, cycle, users["admin"])
    return World(
        note_template=note_template,
        **portfolio,
        users=users,
        unit=unit,
        other_unit=other_unit,
        cycle=cycle,
        innovation=innovation,
        attachment=attachment,
        approved=approved,
        agreement=agreement,
        notification=notification,
        launch=launch,
        export_job=export_job,
        entry=entry,
        region_indicator=region_indicator,
    )


def build_portfolio(unit, cycle, admin):
    """Unit A's launched innovation of last year with a decree, a monitoring report and a
    replication, and a finished preview of the legacy archive with one row."""
    from portfolio.models import LegacyImport, LegacyImportRow
    from tests.factories import CycleFactory
    from tests.portfolio.factories import (
        DecreeFactory,
        MonitoringReportFactory,
        ReplicationFactory,
    )

    launched = InnovationFactory(
        unit=unit, cycle=CycleFactory(year=cycle.year - 1), status=Status.LAUNCHED
    )
    legacy_import = LegacyImport.objects.create(
        file=ContentFile(b"Tahun,Nama Inovasi,Status Akhir\r\n", name="arsip.csv"),
        filename="arsip.csv",
        status="done",
        rows_total=1,
        rows_done=1,
        refused_count=1,
        created_by=admin,
    )
    LegacyImportRow.objects.create(
        job=legacy_import, number=2, title="Arsip", outcome="refused", errors={"year": ["x"]}
    )
    return {
        "launched": launched,
        "decree": DecreeFactory(innovation=launched),
        "report": MonitoringReportFactory(innovation=launched, period=1),
        "replication": ReplicationFactory(innovation=launched),
        "legacy_import": legacy_import,
    }
