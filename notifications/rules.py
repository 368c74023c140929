import rules

from accounts.rules import is_admin


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("notifications.view_outbox", is_admin)
rules.add_perm("notifications.retry_notification", is_admin)
rules.add_perm("notifications.resolve_notification", is_admin)
rules.add_perm("notifications.read_notification", rules.is_authenticated & is_recipient)
