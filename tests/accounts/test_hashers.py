"""Password hashing in production: Argon2id at OWASP's parameters, older hashes re-made."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings
from django.utils.module_loading import import_string

from accounts.hashers import PortalArgon2PasswordHasher
from accounts.models import User
from intan_banjar.settings import base
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = base.PASSWORD_HASHERS


def test_production_hashes_with_argon2id_at_owasp_parameters():
    assert import_string(PRODUCTION_HASHERS[0]) is PortalArgon2PasswordHasher
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        encoded = make_password("Kata-Sandi-Panjang-2025")
    # $argon2id$v=19$m=19456,t=2,p=1$salt$hash
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert PortalArgon2PasswordHasher().verify("Kata-Sandi-Panjang-2025", encoded)
    assert not PortalArgon2PasswordHasher().verify("kata-sandi-panjang-2025", encoded)


@pytest.mark.parametrize(
    "old",
    [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",  # Django's own parameters
    ],
)
def test_older_hash_signs_in_and_is_rehashed(client, operator, old):
    with override_settings(PASSWORD_HASHERS=[old]):
        operator.set_password(PASSWORD)
        operator.save(update_fields=["password"])
    before = User.objects.get(pk=operator.pk).password
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        response = client.post(
            "/accounts/login/", {"username": operator.email, "password": PASSWORD}
        )
    assert response.status_code == 302
    after = User.objects.get(pk=operator.pk).password
    assert after != before
    assert after.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        assert isinstance(identify_hasher(after), PortalArgon2PasswordHasher)
        assert User.objects.get(pk=operator.pk).check_password(PASSWORD)


def test_tests_use_a_fast_hasher_but_production_does_not():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert "MD5" not in " ".join(PRODUCTION_HASHERS)
