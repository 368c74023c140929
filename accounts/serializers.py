"""Accounts API shapes. Units and users are referred to by `code` and `email` (API.md)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import services
from .enums import UnitKind
from .fields import NIPSerializerField
from .models import Unit, User


class CredentialsSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
    expires = serializers.DateTimeField(
        read_only=True, help_text=_("After this moment the token is refused; request a new one.")
    )


class UnitCodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class MeSerializer(serializers.ModelSerializer):
    unit = UnitCodeField(read_only=True)

    class Meta:
        model = User
        fields = ["email", "full_name", "role", "unit", "is_lead"]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    parent = UnitCodeField(queryset=Unit.objects.all())
    kecamatan = UnitCodeField(queryset=Unit.objects.filter(kind=UnitKind.KECAMATAN))
    head_nip = NIPSerializerField(required=False, allow_blank=True)

    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "kind",
            "parent",
            "kecamatan",
            "kemendagri_code",
            "head_name",
            "head_nip",
            "head_title",
            "active",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            # The code is the unit's key in URLs and in clients' data: renaming changes the name.
            fields["code"].read_only = True
        return fields

    def create(self, validated_data):
        return services.unit_create(**validated_data)

    def update(self, instance, validated_data):
        return services.unit_update(unit=instance, **validated_data)


class UserSerializer(serializers.ModelSerializer):
    """Admins' view of an account. The password is write-only and validated by Django's rules."""

    unit = UnitCodeField(queryset=Unit.objects.all())
    nip = NIPSerializerField(required=False, allow_blank=True)
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, trim_whitespace=False
    )

    class Meta:
        model = User
        fields = [
            "email",
            "full_name",
            "role",
            "unit",
            "is_lead",
            "nip",
            "is_active",
            "date_joined",
            "last_login",
            "password",
        ]
        # A new account is active; deactivating is an update.
        read_only_fields = ["is_active", "date_joined", "last_login"]
        # API.md: created with a role (the model's default would make it silently an operator).
        extra_kwargs = {"role": {"required": True}}

    def validate(self, attrs):
        password = attrs.get("password")
        if password is not None:
            candidate = User(
                email=attrs.get("email", getattr(self.instance, "email", "")),
                full_name=attrs.get("full_name", getattr(self.instance, "full_name", "")),
            )
            try:
                validate_password(password, user=candidate)
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"password": exc.messages}) from exc
        return attrs

    def create(self, validated_data):
        return services.user_create(**validated_data)

    def update(self, instance, validated_data):
        return services.user_update(user=instance, **validated_data)


class UserUpdateSerializer(UserSerializer):
    """The e-mail address is the account's key in URLs, so it is fixed once created."""

    password = serializers.CharField(
        write_only=True,
        required=False,
        style={"input_type": "password"},
        trim_whitespace=False,
        help_text=_("Set a new password."),
    )

    class Meta(UserSerializer.Meta):
        read_only_fields = ["email", "date_joined", "last_login"]
