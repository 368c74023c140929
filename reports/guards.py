"""Reports' rule on the workflow: launching is adding the innovation to its cycle's launch event
(PRODUCT.md §8, DOMAIN.md: Display), so the cycle must have one. Registered on `launch` by
`ReportsConfig.ready`, since innovations must not import reports."""

from django.utils.translation import gettext as _

from .models import LaunchEvent


def launch_event_errors(innovation, user, note):
    if LaunchEvent.objects.filter(cycle_id=innovation.cycle_id).exists():
        return {}
    return {
        "launch_event": [
            _(
                "The cycle %(year)s has no launch event yet: an administrator creates it "
                "before innovations are launched."
            )
            % {"year": innovation.cycle.year}
        ]
    }
