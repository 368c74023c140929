"""The printable Perjanjian Inovasi Daerah: HTML template -> PDF with WeasyPrint; and the scan
of the signed paper, as the head uploaded it.

The document is a legal text in Indonesian whatever the reader's interface language, so its
wording lives in the template and dates and numbers are spelt here, never by the server locale.
"""

from django.http import FileResponse, Http404
from django.template.loader import render_to_string

from accounts.letterhead import REGENT, Signatory, curating_signatory, curating_unit, letterhead
from accounts.models import Unit
from intan_banjar.pdf import html_to_pdf

from .models import Agreement

MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_UNITS_ID = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
MAX_BLANKS = 5
COMPACT_FROM = 5
STATUS_ID = {"draft": "Draf", "signed": "Ditandatangani", "verified": "Terverifikasi"}


def date_id(value):
    """11 Desember 2025."""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def number_in_words_id(n):
    """Indonesian cardinal numbers ("terbilang"), as written beside figures in legal texts."""
    if n < 0:
        return "minus " + number_in_words_id(-n)
    if n < 12:
        return _UNITS_ID[n]
    if n < 20:
        return f"{_UNITS_ID[n - 10]} belas"
    for size, word, single in (
        (10**9, "miliar", None),
        (10**6, "juta", None),
        (1000, "ribu", "seribu"),
        (100, "ratus", "seratus"),
        (10, "puluh", None),
    ):
        if n >= size:
            head, rest = divmod(n, size)
            text = single if head == 1 and single else f"{number_in_words_id(head)} {word}"
            return f"{text} {number_in_words_id(rest)}" if rest else text
    raise AssertionError("unreachable")


def _page(agreement, countersignatory):
    """What one page of the document needs; `agreement` may be an unsaved prefilled draft.

    The unit's head signs as the first party; Bappedalitbang's head signs for the Bupati as the
    second (accounts.letterhead), so both names are printed rather than left to the pen.
    """
    unit = agreement.unit
    committed = agreement.committed_count
    head = Signatory(
        title=agreement.signatory_title or unit.head_title,
        name=agreement.signatory_name or unit.head_name,
        nip=agreement.signatory_nip or unit.head_nip,
    )
    kop = letterhead(agency=unit.name)
    signed_on = date_id(agreement.signed_on) if agreement.signed_on else "." * 40
    return {
        "agreement": agreement,
        "unit": unit,
        "letterhead": kop,
        "year": agreement.cycle.year,
        "first_party": head,
        "first_party_lines": ["PIHAK PERTAMA,", (head.title or "KEPALA UNIT KERJA").upper()],
        "second_party": countersignatory,
        "second_party_lines": [
            "PIHAK KEDUA,",
            f"a.n. {REGENT.upper()}",
            countersignatory.title.upper(),
        ],
        "committed": agreement.committed_count,
        "committed_words": number_in_words_id(agreement.committed_count),
        "planned_titles": agreement.planned_titles,
        # Lines to write the missing titles in by hand (a few: the page must stay one page).
        "blank_titles": range(min(max(committed - len(agreement.planned_titles), 0), MAX_BLANKS)),
        # Many titles: a smaller type keeps the agreement on one page.
        "compact": len(agreement.planned_titles) > COMPACT_FROM,
        "dated": f"{kop.place}, {signed_on}",
        "status_label": STATUS_ID.get(agreement.status, agreement.status),
    }


def prefilled_agreement(unit, cycle):
    """The draft a unit would get, for printing before anyone has created it."""
    return Agreement(
        unit=unit,
        cycle=cycle,
        committed_count=cycle.min_innovations_per_unit,
        planned_titles=[],
        signatory_name=unit.head_name,
        signatory_nip=unit.head_nip,
        signatory_title=unit.head_title,
    )


def render_pdf(agreements):
    countersignatory = curating_signatory(curating_unit())
    html = render_to_string(
        "agreements/document.html",
        {"pages": [_page(agreement, countersignatory) for agreement in agreements]},
    )
    return html_to_pdf(html)


def agreement_pdf(agreement):
    return render_pdf([agreement])


def cycle_agreements(cycle):
    """Every active unit's agreement for a signing ceremony; units without one get a draft."""
    agreements = {
        agreement.unit_id: agreement
        for agreement in Agreement.objects.filter(cycle=cycle).select_related("unit", "cycle")
    }
    units = Unit.objects.filter(active=True) | Unit.objects.filter(pk__in=list(agreements))
    result = []
    for unit in units.order_by("kind", "name"):
        agreement = agreements.get(unit.pk) or prefilled_agreement(unit, cycle)
        agreement.unit = unit
        agreement.cycle = cycle
        result.append(agreement)
    return result


def cycle_pdf(cycle):
    return render_pdf(cycle_agreements(cycle))


def scan_filename(agreement):
    """Named like the printable document, so the two sit side by side in a download folder."""
    return f"pindaian-perjanjian-inovasi-{agreement.cycle.year}-{agreement.unit.code}.pdf"


def scan_response(agreement):
    """The signed scan shown in the browser, for the page and the API alike; 404 without one.

    Media files are never served directly (their names are random, not secret): the caller has
    found `agreement` through `visible_to`. The scan was checked to be a PDF when it was signed
    (`services.validate_scan`), so it is served as one, under a name of ours, not the uploader's.
    """
    if not agreement.scan:
        raise Http404
    try:
        handle = agreement.scan.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Inline (a filename without `as_attachment`): the verifier reads it beside the page.
    return FileResponse(handle, filename=scan_filename(agreement), content_type="application/pdf")
