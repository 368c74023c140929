"""Events of the agreements app for apps further down the chain (notifications).

`agreement_ready_for_signature(agreement_id, actor_id)` is sent inside the transaction that made
the agreement wait for the head's signature (created as a draft, or sent back to draft), so a
receiver's outbox rows commit with it.
"""

from django.dispatch import Signal

agreement_ready_for_signature = Signal()
