"""A launched innovation carrying every kind of private data the public side must never show."""

from innovations.enums import Status
from innovations.models import TransitionLog

from .factories import AttachmentFactory, CommunitySubmitterFactory, InnovatorFactory

SUBMITTER_EMAIL = "rahasia.pengusul@warga.example"
SUBMITTER_PHONE = "0812-7777-4242"
SUBMITTER_NAME = "Pengusul Rahasia Sekali"
INNOVATOR_NIP = "198703152011012009"
INTERNAL_NOTE = "Catatan internal kurator: jangan dipublikasikan"
PRIVATE_FILENAME = "ktp-pengusul-rahasia.pdf"
BUDGET_TEXT = "Dana Hibah Rahasia"
SECRETS = [
    SUBMITTER_EMAIL,
    SUBMITTER_PHONE,
    SUBMITTER_NAME,
    INNOVATOR_NIP,
    INTERNAL_NOTE,
    PRIVATE_FILENAME,
    BUDGET_TEXT,
]


def launched_with_secrets(cycle):
    submitter = CommunitySubmitterFactory(
        innovation__cycle=cycle,
        innovation__status=Status.LAUNCHED,
        innovation__title="Eco Print Sasirangan Warga",
        innovation__budget_source=BUDGET_TEXT,
        name=SUBMITTER_NAME,
        email=SUBMITTER_EMAIL,
        phone=SUBMITTER_PHONE,
    )
    innovation = submitter.innovation
    InnovatorFactory(innovation=innovation, name="Ibu Inovator Publik", nip=INNOVATOR_NIP)
    AttachmentFactory(innovation=innovation, filename=PRIVATE_FILENAME)
    TransitionLog.objects.create(
        innovation=innovation,
        action="approve",
        from_status=Status.IN_REVIEW,
        to_status=Status.APPROVED,
        note=INTERNAL_NOTE,
    )
    return innovation
