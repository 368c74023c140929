from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

from .models import Notification
from .rules import may_manage_outbox

ADMIN_ONLY_FIELDS = ("attempts", "last_error")


class NotificationSerializer(serializers.ModelSerializer):
    recipient = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
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
        if request is None or not may_manage_outbox(request.user):
            for name in ADMIN_ONLY_FIELDS:
                data.pop(name, None)
        return data


class NotificationSerializerSchema(OpenApiSerializerExtension):
    """Only an admin's answer has the delivery fields: the schema must not require them."""

    target_class = NotificationSerializer

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        required = [name for name in schema.get("required", []) if name not in ADMIN_ONLY_FIELDS]
        schema["required"] = required
        return schema
