"""The innovation list API's rows written from prepared accessors (issue 20).

DRF represents each of a page's 50 innovations by walking some 40 fields and their nested
serializers: for every field `get_attribute`, a `None` check and `to_representation`, most of
which hand back the model's value unchanged (text, numbers, booleans, JSON); and each request
first deep-copies the serializer's built fields. That walk was most of the list's Python time.

Here the walk is planned once per process from the serializer's own fields: a field whose
`to_representation` returns a model value as it is (DRF's CharField, IntegerField, BooleanField,
ChoiceField, JSONField) becomes a plain attribute read; a nested serializer becomes its own
plan; every other field keeps DRF's exact steps (its `get_attribute` and `to_representation`).
What depends on the request is resolved once per page: whether the user sees scores and the
submitter's contact, the attachments' absolute download URL, the allowed actions. The JSON is
the serializer's, key for key (tests/innovations/test_serializers_list.py compares both).
"""

from types import SimpleNamespace

from django.db.models.manager import BaseManager
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from .rules import may_see_scores, may_view_submitter_contact
from .workflow import allowed_actions

_IDENTITY_METHODS = {
    serializers.CharField.to_representation,
    serializers.IntegerField.to_representation,
    serializers.BooleanField.to_representation,
    serializers.JSONField.to_representation,
}
# Fields whose plan reads nothing of the serializer they are bound to (its context, its
# request): the process-wide plan may keep them bound to the serializer it was built from.
_CONTEXT_FREE = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.JSONField,
    serializers.ChoiceField,
    serializers.DateTimeField,
    serializers.DateField,
    serializers.ListField,
    serializers.SlugRelatedField,
    serializers.PrimaryKeyRelatedField,
)


def _returns_value_unchanged(field):
    method = type(field).to_representation
    if method is serializers.ChoiceField.to_representation:
        return all(isinstance(key, str) for key in field.choices)
    if isinstance(field, serializers.JSONField) and field.binary:
        return False
    return method in _IDENTITY_METHODS


def _generic(field):
    """DRF's own steps for one field (Serializer.to_representation's loop body)."""
    get, represent = field.get_attribute, field.to_representation

    def value(instance):
        attribute = get(instance)
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else represent(attribute)

    return value


def _nested(field, write):
    get = field.get_attribute

    def value(instance):
        attribute = get(instance)
        return None if attribute is None else write(attribute)

    return value


def _nested_many(field, write):
    get = field.get_attribute

    def value(instance):
        data = get(instance)
        if data is None:
            return None
        rows = data.all() if isinstance(data, BaseManager) else data
        return [write(row) for row in rows]

    return value


def plan(serializer, replaced=()):
    """[(key, fn(instance) -> value)] writing `serializer`'s representation, in field order.

    Keys in `replaced` get `None` as their function: the caller fills them per request.
    """
    steps = []
    for field in serializer._readable_fields:
        name = field.field_name
        if name in replaced:
            steps.append((name, None))
        elif isinstance(field, serializers.ListSerializer) and _plain(field.child):
            steps.append((name, _nested_many(field, writer(plan(field.child)))))
        elif isinstance(field, serializers.Serializer) and _plain(field):
            steps.append((name, _nested(field, writer(plan(field)))))
        elif not isinstance(field, _CONTEXT_FREE):
            raise TypeError(f"{type(field).__name__} {name!r}: no list plan for this field")
        elif len(field.source_attrs) == 1 and _returns_value_unchanged(field):
            attr = field.source_attrs[0]
            steps.append((name, lambda instance, attr=attr: getattr(instance, attr)))
        else:
            steps.append((name, _generic(field)))
    return steps


def _plain(serializer):
    """A nested serializer whose representation is DRF's field walk (no override)."""
    return type(serializer).to_representation is serializers.Serializer.to_representation


def writer(steps):
    def write(instance):
        return {name: value(instance) for name, value in steps}

    return write


def bind(steps, **per_request):
    """`steps` with the replaced keys' functions filled in."""
    return [(name, per_request[name] if value is None else value) for name, value in steps]


_ATTACHMENT_MARKS = (918273645, 564738291)


def _attachment_url(serializer):
    """fn(attachment) -> its download URL, the pattern reversed and made absolute once a page."""
    innovation_mark, attachment_mark = _ATTACHMENT_MARKS
    probe = SimpleNamespace(innovation_id=innovation_mark, pk=attachment_mark)
    url = serializer.get_url(probe)
    head, rest = url.split(str(innovation_mark), 1)
    middle, tail = rest.split(str(attachment_mark), 1)
    return lambda attachment: f"{head}{attachment.innovation_id}{middle}{attachment.pk}{tail}"


class _Plans:
    """The innovation row's plan, built once per process from a serializer of no request."""

    steps = None
    attachment_steps = None

    @classmethod
    def get(cls, serializer_class):
        if cls.steps is None:
            template = serializer_class(context={})
            attachments = template.fields["attachments"].child
            cls.attachment_steps = plan(attachments, replaced=("url",))
            cls.steps = plan(
                template,
                replaced=("score", "allowed_actions", "community_submitter", "attachments"),
            )
            cls.submitter = _nested(
                template.fields["community_submitter"],
                writer(plan(template.fields["community_submitter"])),
            )
            cls.attachments_field = template.fields["attachments"]
        return cls


class InnovationListSerializer(serializers.ListSerializer):
    """`InnovationSerializer(many=True)`: the same rows, written by the prepared plan."""

    def to_representation(self, data):
        child = self.child
        plans = _Plans.get(type(child))
        user = child._user()
        sees_scores = user is not None and bool(may_see_scores(user))
        sees_contact = user is not None and bool(may_view_submitter_contact(user))
        # The attachments' serializer of this request (its `get_url` reads the request).
        urls = type(plans.attachments_field.child)(context=child.context)
        attachment = writer(bind(plans.attachment_steps, url=_attachment_url(urls)))
        write = writer(
            bind(
                plans.steps,
                score=(lambda row: getattr(row, "score", None)) if sees_scores else _none,
                allowed_actions=lambda row: allowed_actions(row, user),
                community_submitter=plans.submitter if sees_contact else _none,
                attachments=_nested_many(plans.attachments_field, attachment),
            )
        )
        rows = data.all() if isinstance(data, BaseManager) else data
        return [write(row) for row in rows]


def _none(instance):
    return None
