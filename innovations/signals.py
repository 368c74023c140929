"""The notification interface of the workflow: sent inside the transition's transaction.

A receiver's database writes commit or roll back with the transition (the outbox pattern); a
receiver must defer side effects outside the database to `transaction.on_commit`.

Receivers get `innovation_id, action, actor_id, from_status, to_status, note` (ids, not objects,
so a receiver can hand them to a task), and, for receivers working inside the transaction, what
the transition holds: `innovation` (the locked row, its cycle and unit joined), `log_id` (the
history row it wrote) and `publishing` (whether a decisions publication applies it).
"""

from django.dispatch import Signal

innovation_transitioned = Signal()

# A community entry needs its e-mail confirmation (new entry, or the submitter asked again). Sent
# inside the caller's transaction, so the outbox row commits with the entry. Receivers get
# `innovation_id, link, occurrence, days`: `occurrence` is new for every request (a resend is a
# new one), `days` how long the link stays valid.
community_confirmation_requested = Signal()

# A lead curator or admin published a cycle's held decisions (innovations.publishing). Sent
# inside the transaction; receivers get `publication_id, cycle_id`.
decisions_published = Signal()
