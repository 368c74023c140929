"""What accounts announce: notifications (which depends on accounts, never the reverse) turns it
into an outbox row in the same transaction, so the e-mail is neither lost nor sent twice.

`invitation_requested`: a new account (or an admin's resend) needs its set-password e-mail.
Receivers get `user_id, link, occurrence`: `occurrence` names the request (one row per request,
so a retried request sends nothing more), `link` is the absolute set-password address.
"""

from django.dispatch import Signal

invitation_requested = Signal()
