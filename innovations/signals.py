"""The notification interface of the workflow: sent once a transition is committed.

Receivers get `innovation_id, action, actor_id, from_status, to_status, note` (ids, not objects,
so a receiver can hand them to a task).
"""

from django.dispatch import Signal

innovation_transitioned = Signal()
