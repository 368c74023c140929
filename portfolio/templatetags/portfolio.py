"""`{% load portfolio %}`: the portfolio's parts on pages of other apps.

- `{% portfolio_summary innovation %}` on the innovation's page: its years, the continuation
  button, and what its decrees, monitoring and replications need;
- `{% catalogue_portfolio innovation %}` on the public catalogue page: its launched years and
  who replicated it (public facts only);
- `{% lineage_changes innovation %}` on the curation page of an entry continuing an earlier
  year: its years and what changed since the approved profile of the previous year (nothing,
  and no query, for an innovation in its first year). The diff rows carry their readable text
  (`innovations.versions.shown_value`).
"""

from django import template

from accounts.models import Unit
from innovations import lineage
from innovations.models import Innovation
from innovations.public_api import public_innovations
from intan_banjar.prepared_reads import PreparedRows

from ..continuation import changes_since_approved, continuation_target
from ..enums import DecreeState, ObligationStatus
from ..models import Decree, Replication
from ..monitoring import innovation_schedule
from ..rules import may_continue, may_record_portfolio

register = template.Library()


@register.inclusion_tag("portfolio/_summary.html", takes_context=True)
def portfolio_summary(context, innovation):
    user = context["request"].user
    # Every year, walked once: whether it can be continued, then the years the user may see.
    entries = lineage.lineage(innovation)
    target = None
    if may_continue(user, innovation):
        target, _reason = continuation_target(innovation, user, entries=entries)
    # Counted, so unordered: the decrees' ordering cost a third of building the query.
    states = [d.state() for d in Decree.objects.filter(innovation=innovation).order_by()]
    schedule = innovation_schedule(innovation)
    return {
        "innovation": innovation,
        "years": lineage.only_visible(entries, lambda: Innovation.objects.visible_to(user)),
        "continue_target": target,
        "decrees": len(states),
        "decrees_lapsing": sum(s in (DecreeState.EXPIRING, DecreeState.EXPIRED) for s in states),
        "reports_owed": sum(
            row["status"] in (ObligationStatus.DUE, ObligationStatus.OVERDUE) for row in schedule
        ),
        "reports_filed": sum(row["report"] is not None for row in schedule),
        "replications": Replication.objects.filter(innovation=innovation).count(),
        "can_record": bool(may_record_portfolio(user, innovation)),
        "csrf_token": context.get("csrf_token"),
    }


def _public_replications(innovation_id):
    return (
        Replication.objects.filter(innovation=innovation_id)
        .order_by("replicated_on", "id")
        .values_list(*_REPLICATION_COLUMNS, "adopter_unit__name")
    )


# What the catalogue shows of a replication: its adopter's name (`adopter_name`) and date.
_REPLICATION_COLUMNS = ("id", "adopter_kind", "adopter_unit_id", "region_name", "replicated_on")
# The catalogue page's replications, from SQL compiled once (issue 20: building the query cost
# several times running it, on the public page anyone may load).
_REPLICATIONS = PreparedRows(Replication, _public_replications, innovation_id=int)


def public_replications(innovation):
    """The innovation's replications, oldest first, as `Replication`s with their adopting unit
    (its name): what `adopter_name` and the date read."""
    replications = []
    for *values, unit_name in _REPLICATIONS.rows(innovation_id=innovation.pk):
        replication = Replication(**dict(zip(_REPLICATION_COLUMNS, values, strict=True)))
        replication.innovation_id = innovation.pk
        if replication.adopter_unit_id is not None:
            replication.adopter_unit = Unit(pk=replication.adopter_unit_id, name=unit_name)
        replications.append(replication)
    return replications


@register.inclusion_tag("portfolio/_catalogue.html")
def catalogue_portfolio(innovation):
    years = lineage.lineage(innovation, visible=public_innovations())
    replications = public_replications(innovation)
    return {"innovation": innovation, "years": years, "replications": replications}


@register.inclusion_tag("portfolio/_lineage_changes.html", takes_context=True)
def lineage_changes(context, innovation):
    if innovation.predecessor_id is None:
        return {"show": False}
    user = context["request"].user
    previous, changes = changes_since_approved(innovation)
    return {
        "show": True,
        "innovation": innovation,
        "years": lineage.lineage(innovation, visible=Innovation.objects.visible_to(user)),
        "previous": previous,
        "changes": changes,
    }
