"""Events of the curation app for apps further down the chain (notifications listens).

`curators_assigned` is sent once per innovation after the assignment is committed, with
`innovation_id, curator_ids, actor_id` (ids only, so a receiver can hand them to a task).
"""

from django.dispatch import Signal

curators_assigned = Signal()
