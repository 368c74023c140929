"""The IID export of a cycle: the national form's fields in its order, then per indicator the
level and the evidence links, so operators copy rather than retype into the Kemendagri portal.

Registered in the reports app's exporter registry (`reports.exporters.register`), so the same
download machinery serves it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from innovations.enums import Form, Initiator, InnovationType, Maturity
from intan_banjar.tabular import Column, Sheet, csv_lines, write_xlsx
from reports.exporters import CsvExporter, Exporter, label, register

from .estimate import candidates
from .readiness import catalogues, readiness_for, with_readiness


def evidence_url(attachment):
    path = reverse(
        "innovations-api:innovation-attachment-download",
        kwargs={"pk": attachment.innovation_id, "attachment_id": attachment.pk},
    )
    return settings.SITE_URL.rstrip("/") + path


def export_rows(cycle, user):
    """(innovation, readiness) pairs of the candidates this user sees, in code order."""
    innovations = list(
        with_readiness(candidates(cycle, user).select_related("unit", "cycle").order_by("code"))
    )
    readiness = readiness_for(innovations)
    return [(i, readiness[i.pk]) for i in innovations]


def _row_of(readiness, number):
    return next((row for row in readiness.rows if row.number == number), None)


def iid_columns(numbers):
    columns = [
        Column(_("Innovation name"), lambda r: r[0].title, 40),
        Column(_("Maturity (tahapan)"), lambda r: label(Maturity, r[0].maturity), 14),
        Column(_("Initiator"), lambda r: label(Initiator, r[0].initiator), 18),
        Column(_("Type"), lambda r: label(InnovationType, r[0].type), 12),
        Column(_("Form"), lambda r: label(Form, r[0].form), 16),
        Column(_("Government affairs"), lambda r: r[0].affairs, 30),
        Column(_("Trial date"), lambda r: r[0].trial_date, 12),
        Column(_("Implementation date"), lambda r: r[0].implementation_date, 12),
        Column(_("Design (rancang bangun)"), lambda r: r[0].design, 60),
        Column(_("Goals"), lambda r: r[0].goals, 40),
        Column(_("Benefits"), lambda r: r[0].benefits, 40),
        Column(_("Results"), lambda r: r[0].results, 40),
        Column(_("Budget (Rp)"), lambda r: r[0].budget, 14),
        Column(_("Video"), lambda r: r[0].video_url, 30),
    ]
    for number in numbers:
        columns.append(
            Column(
                _("Indicator %(number)s level") % {"number": number},
                lambda r, n=number: getattr(_row_of(r[1], n), "level", None),
                8,
            )
        )
        columns.append(
            Column(
                _("Indicator %(number)s evidence") % {"number": number},
                lambda r, n=number: [
                    evidence_url(a) for a in getattr(_row_of(r[1], n), "evidence", [])
                ],
                40,
            )
        )
    columns += [
        Column(_("Code"), lambda r: r[0].code, 16),
        Column(_("Unit"), lambda r: r[0].unit.name if r[0].unit_id else _("Community"), 30),
        Column(_("Score (estimate)"), lambda r: r[1].score, 10),
        Column(_("Maximum score"), lambda r: r[1].max_score, 10),
    ]
    return columns


def _data(cycle, user):
    numbers = [i.number for i in catalogues([cycle.pk]).get(cycle.pk, [])]
    return iid_columns(numbers), export_rows(cycle, user)


@register("iid", "csv")
class IidCsv(CsvExporter):
    def lines(self, *, cycle, user, **_ignored):
        columns, rows = _data(cycle, user)
        return csv_lines(columns, rows)


@register("iid", "xlsx")
class IidXlsx(Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, on_row=None, **_ignored):
        columns, rows = _data(cycle, user)
        write_xlsx(target, [Sheet(_("IID"), columns, rows)], on_row=on_row)
