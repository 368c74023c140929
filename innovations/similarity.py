"""Innovations that look like one another, by title and profile text, across units and years.

A duplicate is a reason to reject; a similar innovation elsewhere is a replication opportunity.
On PostgreSQL the candidates are the nearest titles by trigram distance, read in order from
the `pg_trgm` GiST index on the title (migration `similarity_trigram`), then ranked by the
trigram similarity of the title and of the summary; on
SQLite (the embedded default) a plain fallback compares titles in Python over the innovations
sharing a title word. Either way the answer for one innovation is one query.
"""

from difflib import SequenceMatcher

from django.db import connection
from django.db.models import BooleanField, CharField, Lookup, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Left, Lower

from .models import Innovation

# Below this combined similarity two innovations are not "similar" (0-1).
THRESHOLD = 0.3
LIMIT = 5
# Nearest titles re-ranked with the summary.
CANDIDATES = 20
# Weights of the title and the summary in the ranking.
TITLE_WEIGHT, SUMMARY_WEIGHT = 0.7, 0.3
SUMMARY_CHARS = 300


@CharField.register_lookup
class TrigramMatch(Lookup):
    """`a % b`: pg_trgm's indexed "similar enough" test (django.contrib.postgres is not an
    installed app here, so its `trigram_similar` lookup is not registered)."""

    lookup_name = "trigram_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %% {rhs}", [*lhs_params, *rhs_params]


def uses_trigrams():
    return connection.vendor == "postgresql"


def similar_to(innovation, *, user=None, limit=LIMIT):
    """The innovations most similar to `innovation`, best first, each with `.similarity` (0-1).

    `user`: only what that user may see (curators see every innovation of the region).
    """
    others = Innovation.objects.exclude(pk=innovation.pk)
    if user is not None:
        others = others.visible_to(user)
    if uses_trigrams():
        return _trigram(innovation, others, limit)
    return _plain(innovation, others, limit)


def _trigram(innovation, others, limit):
    from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity

    title = (innovation.title or "").lower()
    summary = (innovation.summary or "")[:SUMMARY_CHARS].lower()
    # The nearest titles by trigram distance: an index-ordered scan of the GiST index that stops
    # after CANDIDATES rows, however many titles share trigrams with this one.
    nearest = (
        others.annotate(distance=TrigramDistance(Lower("title"), title))
        .order_by("distance")
        .values("pk")[:CANDIDATES]
    )
    score = Value(TITLE_WEIGHT) * TrigramSimilarity(Lower("title"), title) + Value(
        SUMMARY_WEIGHT
    ) * TrigramSimilarity(Lower(Left(Coalesce("summary", Value("")), SUMMARY_CHARS)), summary)
    return list(
        Innovation.objects.filter(pk__in=Subquery(nearest))
        .annotate(similarity=score)
        .filter(similarity__gte=THRESHOLD)
        .select_related("unit")
        .only("id", "code", "title", "year", "status", "unit__name", "unit__code")
        .order_by("-similarity", "-year", "id")[:limit]
    )


def _words(text):
    return [
        w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split() if len(w) > 3
    ]


def _plain(innovation, others, limit):
    words = _words(innovation.title or "")
    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(title__icontains=word)
    candidates = (
        others.filter(match)
        .select_related("unit")
        .only("id", "code", "title", "summary", "year", "status", "unit__name", "unit__code")
    )
    title = (innovation.title or "").lower()
    summary = (innovation.summary or "")[:SUMMARY_CHARS].lower()
    ranked = []
    for other in candidates[:500]:
        value = TITLE_WEIGHT * SequenceMatcher(None, title, other.title.lower()).ratio()
        value += (
            SUMMARY_WEIGHT
            * SequenceMatcher(None, summary, (other.summary or "")[:SUMMARY_CHARS].lower()).ratio()
        )
        if value >= THRESHOLD:
            other.similarity = round(value, 3)
            ranked.append(other)
    ranked.sort(key=lambda o: (-o.similarity, -o.year, o.pk))
    return ranked[:limit]


def annotate_has_similar(queryset):
    """`has_similar` per row: another innovation's title is trigram-similar (PostgreSQL only).

    A scalar subquery probed once per row shown (see curation.queue._row_has), through the
    GiST index; on SQLite it is always False (the review page still lists the plain matches).
    """
    if not uses_trigrams():
        return queryset.annotate(has_similar=Value(False))
    probe = (
        Innovation.objects.annotate(title_lower=Lower("title"))
        .filter(title_lower__trigram_match=Lower(OuterRef("title")))
        .exclude(pk=OuterRef("pk"))
        .annotate(one=Value(True))
        # Without `.order_by()` the model's default ordering made PostgreSQL walk the created_at
        # index and test `%` row by row: 1.6 s for a queue page at 100,000 instead of 20 ms.
        .order_by()
        .values("one")[:1]
    )
    return queryset.annotate(
        has_similar=Coalesce(Subquery(probe), Value(False), output_field=BooleanField())
    )
