"""The account services behind the user pages: rules held by the services themselves."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from accounts import services
from accounts.enums import Role
from intan_banjar.exceptions import Refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["operator", "head", "curator", "lead_curator", "leader"])
def test_user_invite_refused_to_non_admins(users_by_role, role):
    with pytest.raises(Refused):
        services.user_invite(
            by=users_by_role[role], email="x@y.test", full_name="X", role=Role.CURATOR
        )


@pytest.mark.parametrize("role", ["operator", "head", "curator", "leader"])
def test_user_change_and_activation_refused_to_non_admins(users_by_role, role):
    target = users_by_role["other_operator"]
    with pytest.raises(Refused):
        services.user_change(by=users_by_role[role], user=target, full_name="Changed")
    with pytest.raises(Refused):
        services.user_set_active(by=users_by_role[role], user=target, active=False)


def test_user_set_active_deactivates_and_ends_the_token(admin_user, operator):
    Token.objects.create(user=operator)
    services.user_set_active(by=admin_user, user=operator, active=False)
    operator.refresh_from_db()
    assert not operator.is_active
    assert not Token.objects.filter(user=operator).exists()
    services.user_set_active(by=admin_user, user=operator, active=True)
    operator.refresh_from_db()
    assert operator.is_active


def test_admin_cannot_deactivate_themselves(admin_user):
    with pytest.raises(Refused):
        services.user_set_active(by=admin_user, user=admin_user, active=False)
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_admin_cannot_change_own_role_but_another_admin_can(admin_user):
    with pytest.raises(Refused):
        services.user_change(by=admin_user, user=admin_user, role=Role.LEADER)
    other = services.user_invite(
        by=admin_user, email="second@intan.test", full_name="Second", role=Role.ADMIN
    )
    services.user_change(by=other, user=admin_user, role=Role.LEADER)
    admin_user.refresh_from_db()
    assert admin_user.role == Role.LEADER


def test_admin_may_change_own_name(admin_user):
    services.user_change(by=admin_user, user=admin_user, role=Role.ADMIN, full_name="Renamed")
    admin_user.refresh_from_db()
    assert admin_user.full_name == "Renamed"


def test_user_change_keeps_the_unit_rule(admin_user, operator):
    with pytest.raises(ValidationError):
        services.user_change(by=admin_user, user=operator, unit=None)


def test_profile_update_only_of_oneself(operator, other_operator):
    with pytest.raises(Refused):
        services.profile_update(
            by=operator, user=other_operator, full_name="X", phone="", language="en"
        )
    services.profile_update(
        by=operator, user=operator, full_name="Nama Baru", phone="+6281250001234", language="en"
    )
    operator.refresh_from_db()
    assert (operator.full_name, operator.phone, operator.language) == (
        "Nama Baru",
        "+6281250001234",
        "en",
    )


def test_profile_update_refuses_an_unknown_language(operator):
    with pytest.raises(ValidationError):
        services.profile_update(by=operator, user=operator, full_name="X", phone="", language="fr")
