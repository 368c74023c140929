"""Demo accounts for `make run`: one per role, with passwords printed on the console."""

from .enums import Role
from .models import Unit, User

DEMO_ACCOUNTS = [
    # email, full name, role, unit code, lead curator, password
    ("admin@intan.test", "Admin Bappedalitbang", Role.ADMIN, None, False, "Intan-Admin-2025"),
    ("kurator@intan.test", "Kurator Utama", Role.CURATOR, None, True, "Intan-Kurator-2025"),
    ("juri@intan.test", "Juri Tamu", Role.CURATOR, None, False, "Intan-Juri-2025"),
    (
        "kepala.dinkes@intan.test",
        "Kepala Dinas Kesehatan",
        Role.HEAD,
        "DINKES",
        False,
        "Intan-Kepala-2025",
    ),
    (
        "operator.dinkes@intan.test",
        "Operator Dinas Kesehatan",
        Role.OPERATOR,
        "DINKES",
        False,
        "Intan-Operator-2025",
    ),
    ("bupati@intan.test", "Pimpinan Daerah", Role.LEADER, None, False, "Intan-Pimpinan-2025"),
]


def ensure_demo_accounts():
    """Create the demo accounts that are missing; returns [(email, role, password, created)]."""
    result = []
    for email, name, role, unit_code, is_lead, password in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            unit = Unit.objects.get(code=unit_code) if unit_code else None
            User.objects.create_user(
                email=email,
                password=password,
                full_name=name,
                role=role,
                unit=unit,
                is_lead=is_lead,
            )
        result.append((email, role, password, created))
    return result
