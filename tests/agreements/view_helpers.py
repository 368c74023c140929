"""Helpers shared by the agreement page test modules (test_views*.py)."""

LIST = "/agreements/"
COMPLIANCE = "/compliance/"


def detail(agreement):
    return f"{LIST}{agreement.pk}/"
