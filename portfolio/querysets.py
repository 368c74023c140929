"""Reads of the portfolio's records: a record is visible exactly when its innovation is."""

from django.db import models

from innovations.models import Innovation


class PortfolioQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Records of innovations this user may see (`Innovation.objects.visible_to`)."""
        return self.filter(innovation__in=Innovation.objects.visible_to(user))

    def for_list(self):
        """What a list row shows: the innovation with its unit and cycle."""
        return self.select_related("innovation__unit", "innovation__cycle")
