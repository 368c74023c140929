import pytest
from django.core import mail

from tests.factories import CycleFactory


@pytest.fixture
def cycle(db):
    """The 2025 cycle: agreements by 28 Feb, submissions by 30 Sep, curation by 15 Nov."""
    return CycleFactory(year=2025)


@pytest.fixture
def use_mail_backend(settings):
    """use_mail_backend(dotted path): the default mailer becomes that backend class."""

    def _use(path):
        settings.MAILERS = {"default": {"BACKEND": path}}

    return _use


@pytest.fixture
def sent(settings):
    """The messages the in-memory mail backend received (cleared for each test)."""
    mail.outbox = []
    return mail.outbox
