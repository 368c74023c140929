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

from operator import itemgetter
from types import SimpleNamespace

from django.db.models.manager import BaseManager
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject, RelatedField

from .list_values import SUBMITTER, attach_children
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


def values_plan(serializer, keys=None, prefix="", replaced=()):
    """[(key, fn(row dict) -> value)] for rows read with `.values()` (`list_values`).

    A field reads the column its source names (`prefix` + source), or `keys[name]` for a
    related field whose column is its final value (`unit__code`, `predecessor_id`); values DRF
    hands back unchanged are read as they are, the others go through the field's own
    `to_representation` (dates, lists). Nested serializers read lists of child dicts.
    """
    keys = keys or {}
    steps = []
    for field in serializer._readable_fields:
        name = field.field_name
        if name in replaced:
            steps.append((name, None))
            continue
        key = keys.get(name) or prefix + field.source.replace(".", "__")
        if isinstance(field, serializers.ListSerializer) and _plain(field.child):
            steps.append((name, _values_many(key, writer(values_plan(field.child)))))
        elif name in keys or _returns_value_unchanged(field):
            steps.append((name, itemgetter(key)))
        elif isinstance(field, _CONTEXT_FREE) and not isinstance(field, RelatedField):
            steps.append((name, _represented(key, field.to_representation)))
        else:
            raise TypeError(f"{type(field).__name__} {name!r}: no values plan for this field")
    return steps


def _values_many(key, write):
    return lambda row: [write(child) for child in row[key]]


def _represented(key, represent):
    def value(row):
        column = row[key]
        return None if column is None else represent(column)

    return value


_ATTACHMENT_MARKS = (918273645, 564738291)


def _attachment_urls(serializer):
    """(head, middle, tail) of the attachments' download URL of this request: the pattern is
    reversed and made absolute once a page, each row fills in its two ids."""
    innovation_mark, attachment_mark = _ATTACHMENT_MARKS
    probe = SimpleNamespace(innovation_id=innovation_mark, pk=attachment_mark)
    url = serializer.get_url(probe)
    head, rest = url.split(str(innovation_mark), 1)
    middle, tail = rest.split(str(attachment_mark), 1)
    return head, middle, tail


ROW_REPLACED = ("score", "allowed_actions", "community_submitter", "attachments")
VALUES_KEYS = {"year": "cycle_year", "unit": "unit__code", "predecessor": "predecessor_id"}


class _Plans:
    """The innovation row's plans (for instances and for value dicts), built once per process
    from a serializer of no request; what depends on the request is left to fill."""

    ready = False

    @classmethod
    def get(cls, serializer_class):
        if not cls.ready:
            template = serializer_class(context={})
            attachments = template.fields["attachments"]
            submitter = template.fields["community_submitter"]
            cls.steps = plan(template, replaced=ROW_REPLACED)
            cls.attachment_steps = plan(attachments.child, replaced=("url",))
            cls.submitter = _nested(submitter, writer(plan(submitter)))
            cls.attachments_field = attachments
            cls.value_steps = values_plan(
                template, keys=VALUES_KEYS, replaced=(*ROW_REPLACED, "imported")
            )
            cls.value_attachment_steps = values_plan(attachments.child, replaced=("url",))
            cls.value_submitter = writer(values_plan(submitter, prefix=SUBMITTER))
            cls.ready = True
        return cls


class InnovationListSerializer(serializers.ListSerializer):
    """`InnovationSerializer(many=True)`: the same rows, written by the prepared plans, from
    model instances or from the list API's value dicts (`list_values`)."""

    def to_representation(self, data):
        rows = data.all() if isinstance(data, BaseManager) else data
        rows = list(rows)
        child = self.child
        plans = _Plans.get(type(child))
        user = child._user()
        self.sees_scores = user is not None and bool(may_see_scores(user))
        self.sees_contact = user is not None and bool(may_view_submitter_contact(user))
        # The attachments' serializer of this request (its `get_url` reads the request).
        self.urls = _attachment_urls(type(plans.attachments_field.child)(context=child.context))
        if rows and isinstance(rows[0], dict):
            write = self._values_writer(plans, user)
            attach_children(rows)
        else:
            write = self._instance_writer(plans, user)
        return [write(row) for row in rows]

    def _instance_writer(self, plans, user):
        head, middle, tail = self.urls
        attachment = writer(
            bind(
                plans.attachment_steps, url=lambda a: f"{head}{a.innovation_id}{middle}{a.pk}{tail}"
            )
        )
        return writer(
            bind(
                plans.steps,
                score=(lambda row: getattr(row, "score", None)) if self.sees_scores else _none,
                allowed_actions=lambda row: allowed_actions(row, user),
                community_submitter=plans.submitter if self.sees_contact else _none,
                attachments=_nested_many(plans.attachments_field, attachment),
            )
        )

    def _values_writer(self, plans, user):
        head, middle, tail = self.urls
        attachment = writer(
            bind(
                plans.value_attachment_steps,
                url=lambda a: f"{head}{a['innovation_id']}{middle}{a['id']}{tail}",
            )
        )
        submitter = plans.value_submitter
        submitter_id = f"{SUBMITTER}id"
        return writer(
            bind(
                plans.value_steps,
                score=itemgetter("score") if self.sees_scores else _none,
                allowed_actions=_actions_of_values(user),
                community_submitter=(
                    (lambda row: None if row[submitter_id] is None else submitter(row))
                    if self.sees_contact
                    else _none
                ),
                attachments=_values_many("attachments", attachment),
                imported=lambda row: bool(row["import_key"]),
            )
        )


def _actions_of_values(user):
    """fn(row dict) -> `allowed_actions` of that row for `user`.

    The workflow's predicates read the status, the unit and the creator of an innovation and
    nothing else (innovations.rules); a row is asked as an object of just those three, so a
    predicate that read more would fail, not answer wrongly. Rows alike share one answer.
    """
    answers = {}

    def actions(row):
        key = (row["status"], row["unit_id"], row["created_by_id"])
        answer = answers.get(key)
        if answer is None:
            innovation = SimpleNamespace(status=key[0], unit_id=key[1], created_by_id=key[2])
            answer = answers[key] = allowed_actions(innovation, user)
        return list(answer)

    return actions


def _none(instance):
    return None
