"""Printable innovation profiles: the staff's (every profile field, for who may see it) and the
public catalogue's (only what the catalogue shows).

A profile is printed for a meeting, a folder or a signature, not read on screen: no menu, no
forms, A4 print CSS, attachments named but not linked, and the date it was printed, so a paper
copy says how old it is. Visibility is the pages' own: `visible_to(user)` here (another unit's
innovation is a 404), the launched catalogue for the public copy.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Innovation
from .public_api import public_innovations, with_people
from .rules import may_view_submitter_contact
from .views import stage_progress


def profile_texts(innovation):
    """The long texts of the profile with their headings, in the national form's order."""
    return [
        (_("Summary"), innovation.summary),
        (_("Problem (latar belakang)"), innovation.problem),
        (_("Design and main changes (rancang bangun)"), innovation.design),
        (_("Goals (tujuan)"), innovation.goals),
        (_("Benefits (manfaat)"), innovation.benefits),
        (_("Results (hasil)"), innovation.results),
    ]


@require_safe
def innovation_print(request, pk):
    innovation = get_object_or_404(
        Innovation.objects.visible_to(request.user).for_list().prefetch_related("stage_records"),
        pk=pk,
    )
    return render(
        request,
        "innovations/print.html",
        {
            "innovation": innovation,
            "texts": profile_texts(innovation),
            "stages": stage_progress(innovation),
            "show_contact": bool(may_view_submitter_contact(request.user)),
            "printed_at": timezone.localtime(),
        },
    )


@login_not_required
@require_safe
def catalogue_print(request, code):
    innovation = public_innovations().filter(code=code).first()
    if innovation is None:
        raise Http404(_("No launched innovation has this code."))
    with_people([innovation])
    return render(
        request,
        "katalog/print.html",
        {
            "innovation": innovation,
            "texts": profile_texts(innovation),
            "printed_at": timezone.localtime(),
        },
    )
