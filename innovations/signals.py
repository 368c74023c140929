"""The notification interface of the workflow: sent inside the transition's transaction.

A receiver's database writes commit or roll back with the transition (the outbox pattern); a
receiver must defer side effects outside the database to `transaction.on_commit`.

Receivers get `innovation_id, action, actor_id, from_status, to_status, note` (ids, not objects,
so a receiver can hand them to a task).
"""

from django.dispatch import Signal

innovation_transitioned = Signal()
