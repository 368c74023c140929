import rules

from accounts.rules import is_admin


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and notification.recipient_id == user.pk


# The outbox (every notification, with its delivery fields) is the admins': they see it, send a
# failed or uncertain row again and settle an uncertain one. Reading is the recipient's alone.
may_manage_outbox = is_admin
may_read_notification = rules.is_authenticated & is_recipient

rules.add_perm("notifications.view_outbox", may_manage_outbox)
rules.add_perm("notifications.retry_notification", may_manage_outbox)
rules.add_perm("notifications.resolve_notification", may_manage_outbox)
rules.add_perm("notifications.read_notification", may_read_notification)
