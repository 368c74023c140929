from rest_framework import serializers

from accounts.rules import is_admin

from .models import Notification

ADMIN_ONLY_FIELDS = ("attempts", "last_error")


class NotificationSerializer(serializers.ModelSerializer):
    recipient = serializers.SlugRelatedField(slug_field="email", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "recipient",
            "email",
            "subject",
            "body_text",
            "link",
            "target_type",
            "target_id",
            "cycle_year",
            "status",
            "attempts",
            "last_error",
            "created_at",
            "sent_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not is_admin(request.user):
            for name in ADMIN_ONLY_FIELDS:
                data.pop(name, None)
        return data
