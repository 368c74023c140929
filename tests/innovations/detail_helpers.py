"""Helpers shared by the innovation detail page test modules (test_pages_detail*.py)."""


def url(innovation, suffix=""):
    return f"/innovations/{innovation.pk}/{suffix}"
