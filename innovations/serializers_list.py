"""`InnovationSerializer(many=True)` for the list API: the rows written by a prepared plan.

The list endpoint reads its page as `.values()` rows (`list_values`); this list serializer
writes them with a plan made once per process from `InnovationSerializer`'s own fields
(`row_plans`), the same JSON key for key (tests/innovations/test_serializers_list.py compares
each row with the detail endpoint's body). What depends on the request is resolved once a page:
whether the user sees scores and the submitter's contact, the attachments' absolute download
URL, the allowed actions of each kind of row. Model instances (no caller lists them) take DRF's
own path.
"""

from operator import itemgetter
from types import SimpleNamespace

from django.db.models.manager import BaseManager
from rest_framework import serializers

from .list_values import SUBMITTER, attach_children
from .row_plans import values_plan, writer
from .rules import may_see_scores, may_view_submitter_contact
from .workflow import allowed_actions

ROW_REPLACED = ("score", "allowed_actions", "community_submitter", "attachments", "imported")
# Related fields whose column is the value itself; the year is the cycle's (list_values).
VALUES_KEYS = {"year": "cycle_year", "unit": "unit_code", "predecessor": "predecessor_id"}
_ATTACHMENT_MARKS = (918273645, 564738291)


class _Plans:
    """The row writers, made once per process from a serializer of no request."""

    ready = False

    @classmethod
    def get(cls, serializer_class):
        if not cls.ready:
            template = serializer_class(context={})
            attachments = template.fields["attachments"].child
            submitter = template.fields["community_submitter"]
            cls.make_row = writer(values_plan(template, keys=VALUES_KEYS, replaced=ROW_REPLACED))
            cls.make_attachment = writer(values_plan(attachments, replaced=("url",)))
            cls.make_submitter = writer(values_plan(submitter, prefix=SUBMITTER))
            cls.attachment_serializer = type(attachments)
            cls.ready = True
        return cls


class InnovationListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        rows = list(data.all() if isinstance(data, BaseManager) else data)
        if not rows or not isinstance(rows[0], dict):
            return super().to_representation(rows)
        child = self.child
        plans = _Plans.get(type(child))
        user = child._user()
        sees_scores = user is not None and bool(may_see_scores(user))
        sees_contact = user is not None and bool(may_view_submitter_contact(user))
        # The attachments' serializer of this request: its `get_url` reads the request.
        head, middle, tail = _attachment_urls(plans.attachment_serializer(context=child.context))
        attachment = plans.make_attachment(
            url=lambda a: f"{head}{a['innovation_id']}{middle}{a['id']}{tail}"
        )
        submitter, submitter_id = plans.make_submitter(), f"{SUBMITTER}id"
        write = plans.make_row(
            score=itemgetter("score") if sees_scores else _none,
            allowed_actions=_actions_of_rows(user),
            community_submitter=(
                (lambda row: None if row[submitter_id] is None else submitter(row))
                if sees_contact
                else _none
            ),
            attachments=lambda row: [attachment(a) for a in row["attachments"]],
            imported=lambda row: bool(row["import_key"]),
        )
        attach_children(rows)
        return [write(row) for row in rows]


def _attachment_urls(serializer):
    """(head, middle, tail) of the attachments' download URL of this request: the pattern is
    reversed and made absolute once a page, each row fills in its two ids."""
    innovation_mark, attachment_mark = _ATTACHMENT_MARKS
    url = serializer.get_url(SimpleNamespace(innovation_id=innovation_mark, pk=attachment_mark))
    head, rest = url.split(str(innovation_mark), 1)
    middle, tail = rest.split(str(attachment_mark), 1)
    return head, middle, tail


def _actions_of_rows(user):
    """fn(row dict) -> `allowed_actions` of that row for `user`, asked once per kind of row.

    The workflow's predicates read an innovation's status, and its unit and creator only to
    compare them with the user's unit and the user (or to see there is none: innovations.rules,
    accounts.rules.is_own_unit). Rows alike in those respects get the same answer; the first
    of them is asked, as an object of just those three columns, so a predicate that read more
    would fail rather than answer wrongly.
    """
    answers = {}
    unit_id, user_id = getattr(user, "unit_id", None), getattr(user, "pk", None)

    def actions(row):
        unit, creator = row["unit_id"], row["created_by_id"]
        key = (row["status"], unit is None, unit == unit_id, creator is None, creator == user_id)
        answer = answers.get(key)
        if answer is None:
            innovation = SimpleNamespace(status=row["status"], unit_id=unit, created_by_id=creator)
            answer = answers[key] = allowed_actions(innovation, user)
        return list(answer)

    return actions


def _none(row):
    return None
