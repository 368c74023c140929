"""Reads of innovations: who may see what, and what a list needs in one go.

Every view, API, export and task reading innovations starts from `visible_to(user)`.
"""

from django.db import models
from django.db.models import Prefetch, Q, Value

from accounts.enums import Role
from intan_banjar.querysets import LockingQuerySet

from .enums import Status

# Apps further down the chain (curation) replace the score annotation without innovations
# importing them: each hook takes a queryset and returns it annotated with `score`.
_score_annotators = []


def profile_lists():
    """The lists a profile shows, as prefetch lookups (the answer of the API, the page, the
    submitted snapshot): innovators and partners in their order, files as uploaded."""
    from .models import Attachment

    return (
        "innovators",
        "partners",
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "id")),
    )


def register_score_annotation(fn):
    """Register `fn(queryset) -> queryset` that annotates `score` (the last registered wins)."""
    _score_annotators.append(fn)
    return fn


class InnovationQuerySet(LockingQuerySet):
    lock_related = ("cycle", "unit")

    def visible_to(self, user):
        """Unit staff see their unit; admins everything; curators and leaders all but drafts.

        A draft is the unit's workspace; curators also see the masyarakat drafts they entered.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in (Role.OPERATOR, Role.HEAD):
            if not user.unit_id:
                return self.none()
            return self.filter(unit_id=user.unit_id)
        if user.role == Role.ADMIN:
            return self
        if user.role in (Role.CURATOR, Role.LEADER):
            own_community_drafts = Q(unit__isnull=True, created_by=user)
            return self.filter(~Q(status=Status.DRAFT) | own_community_drafts)
        return self.none()

    def counted_for(self, user):
        """The innovations the region's figures count for `user` (overviews, charts, trends).

        Everybody who reads the region's figures (admins, curators, leaders) counts the whole
        region, drafts included: a count shows nothing of a draft, and the leader's overview
        said "Draf 0" where the admin's said 14. Records themselves stay `visible_to`; unit
        staff count their own unit.
        """
        if user is not None and user.is_authenticated and user.is_active and user.sees_region:
            return self.all()
        return self.visible_to(user)

    def with_score(self):
        """Annotate `score` (null until curation registers its annotation)."""
        if _score_annotators:
            return _score_annotators[-1](self)
        return self.annotate(score=Value(None, output_field=models.FloatField()))

    def for_list(self, *, score=True):
        """Everything a list row or a detail shows, in a fixed number of queries.

        `score=False` for a reader who never sees scores (a unit's staff): the score's correlated
        subquery over the reviews is then neither built nor run, and `score` is absent.
        """
        queryset = self.select_related(
            "unit", "cycle", "created_by", "community_submitter"
        ).prefetch_related(*profile_lists())
        return queryset.with_score() if score else queryset

    def for_detail(self):
        """What the innovation's page reads, in a fixed number of queries.

        `for_list` without the score (the page does not show it; its correlated subquery cost
        more Python to build than the rest of the query), without joining the creator (the
        page and its rules read only `created_by_id`) and the community submitter (shown to
        curators and admins only: the page adds it for them).
        """
        return self.select_related("unit", "cycle").prefetch_related(*profile_lists())
