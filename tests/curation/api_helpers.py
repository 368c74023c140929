"""Helpers shared by the curation API test modules (test_api*.py)."""

from innovations.enums import Status

from .factories import AssignmentFactory, QueuedInnovationFactory, ReviewFactory, scores

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def review_body(value=4, **overrides):
    return {"scores": scores(value, **overrides), "comment": "Baik", "recommendation": "approve"}


QUEUE_ACCESS = {
    "operator": 403,
    "head": 403,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 403,
}


def _queue_rows(count, cycle, curators):
    for _ in range(count):
        innovation = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
        for curator in curators:
            AssignmentFactory(innovation=innovation, curator=curator)
            ReviewFactory(innovation=innovation, curator=curator)
