"""Helpers shared by the curation page test modules (test_pages*.py)."""

from django.urls import reverse

from .factories import scores


def review_url(innovation):
    return reverse("curation:review", args=[innovation.pk])


def review_post(value=4, **extra):
    data = {f"scores.{code}": v for code, v in scores(value).items()}
    return {**data, "comment": "Baik", "recommendation": "approve", **extra}


def html(response):
    return response.content.decode()
