"""Factories of the curation tests; innovations come from the innovations tests' factories."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.enums import Role
from curation.models import Assignment, InternalComment, Review
from curation.rubric import DEFAULT_RUBRIC, weighted_score
from innovations.enums import Status
from tests.factories import UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

__all__ = ["InnovationFactory", "open_cycle"]

WEIGHTS = {row["code"]: row["weight"] for row in DEFAULT_RUBRIC}


def scores(value=4, **overrides):
    """One score per default criterion, all `value` unless overridden."""
    return {**dict.fromkeys(WEIGHTS, value), **overrides}


class QueuedInnovationFactory(InnovationFactory):
    """An innovation waiting in the curation queue, submitted `waiting_days` ago."""

    class Params:
        waiting_days = 3

    status = Status.SUBMITTED
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() - datetime.timedelta(days=o.waiting_days)
    )


class CuratorFactory(UserFactory):
    role = Role.CURATOR


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    innovation = factory.SubFactory(QueuedInnovationFactory)
    curator = factory.SubFactory(CuratorFactory)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    innovation = factory.SubFactory(QueuedInnovationFactory, status=Status.IN_REVIEW)
    curator = factory.SubFactory(CuratorFactory)
    round = factory.LazyAttribute(lambda o: o.innovation.review_round)
    scores = factory.LazyFunction(scores)
    recommendation = "approve"
    comment = "Layak dilanjutkan."
    weighted_score = factory.LazyAttribute(lambda o: weighted_score(WEIGHTS, o.scores))


class InternalCommentFactory(DjangoModelFactory):
    class Meta:
        model = InternalComment

    innovation = factory.SubFactory(QueuedInnovationFactory)
    author = factory.SubFactory(CuratorFactory)
    body = "Perlu cek ulang data anggaran."
