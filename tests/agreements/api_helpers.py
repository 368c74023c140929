"""Helpers shared by the agreements API test modules (test_api*.py)."""

LIST_URL = "/api/v1/agreements/"
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def url(agreement, action=""):
    return f"{LIST_URL}{agreement.pk}/" + (f"{action}/" if action else "")
