"""django-axes counting per account and address, and per account alone at a higher limit.

axes 8.3 has one failure limit for every lockout parameter and takes the largest count, so adding
"username" to AXES_LOCKOUT_PARAMETERS alone would lock an account after AXES_FAILURE_LIMIT (5)
failures from anywhere: five requests by a stranger would lock anyone out. This handler keeps the
per (account, address) limit and locks the account itself only after AXES_ACCOUNT_FAILURE_LIMIT
failures from all addresses together, which forged or rotating addresses cannot escape.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


class AccountAwareAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        username = get_client_username(request, credentials)
        failures = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            if parameter == "username":
                # Without a username the filter would match every nameless attempt.
                if username is not None and count >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
                    failures = max(failures, get_failure_limit(request, credentials))
            else:
                failures = max(failures, count)
        return failures
