"""Who issues and who signs the portal's printed documents, from one place.

Every PDF (the Perjanjian Inovasi Daerah, the launch report, the compliance table) carries the
same letterhead (kop) of Pemerintah Kabupaten Banjar and, where Bappedalitbang signs, the same
signatory. The facts come from the reference data an admin keeps current (the curating unit's
name and its head's name, NIP and title) and from settings for what no public source confirms
(the street address); nothing is typed into a template, so a new head or a renamed agency shows
on the next print.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import dateformat, timezone

from .models import Unit

GOVERNMENT = "Pemerintah Kabupaten Banjar"
CAPITAL = "Martapura"
PROVINCE = "Kalimantan Selatan"
REGENT = "Bupati Banjar"
CURATING_AGENCY = "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"
CURATING_HEAD_TITLE = "Kepala Bappedalitbang Kabupaten Banjar"


@dataclass(frozen=True)
class Signatory:
    """A person signing a document; an empty name or NIP is printed as a line to write on."""

    title: str
    name: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Letterhead:
    government: str
    agency: str
    address_lines: tuple

    @property
    def place(self):
        """Where documents are dated ("Martapura, 6 Februari 2025")."""
        return CAPITAL


def curating_unit():
    """The unit that curates innovations (Bappedalitbang), or None before reference data exists."""
    return Unit.objects.filter(code=settings.CURATING_UNIT_CODE).first()


def letterhead(*, agency=None, curator=None):
    """The kop: the regency, the issuing agency (the curating unit unless another is named) and
    the regency's address block; `curator` saves the query when the caller already has the unit.
    """
    if agency is None:
        curator = curator or curating_unit()
        agency = curator.name if curator else CURATING_AGENCY
    lines = [line for line in (settings.LETTERHEAD_ADDRESS, settings.LETTERHEAD_CONTACT) if line]
    lines.append(f"{CAPITAL.upper()} \u00b7 {PROVINCE.upper()}")
    return Letterhead(
        government=GOVERNMENT.upper(), agency=agency.upper(), address_lines=tuple(lines)
    )


def curating_signatory(curator=None):
    """The head of Bappedalitbang as the reference data names them, for every document that
    Bappedalitbang signs: the launch report, and the agreement on the Bupati's behalf."""
    curator = curator or curating_unit()
    if curator is None:
        return Signatory(title=CURATING_HEAD_TITLE)
    return Signatory(
        title=curator.head_title or CURATING_HEAD_TITLE,
        name=curator.head_name,
        nip=curator.head_nip,
    )


def bappedalitbang_document(now=None):
    """What a document issued and signed by Bappedalitbang shares (the launch report, the
    compliance table): the kop, the signatory and the print time, in the active language.

    The document is dated the day it is printed, which is the day it is signed.
    """
    now = timezone.localtime(now)
    curator = curating_unit()
    signatory = curating_signatory(curator)
    kop = letterhead(curator=curator)
    printed_on = dateformat.format(now, "j F Y")
    return {
        "letterhead": kop,
        "signatory": signatory,
        "signature_lines": [signatory.title.upper()],
        "dated": f"{kop.place}, {printed_on}",
        "printed_at": f"{printed_on} {dateformat.time_format(now, 'H.i')} WITA",
    }
