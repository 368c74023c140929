"""PortalFilterSet builds its form class once per class, model and language."""

import django_filters
import pytest
from django.utils import translation

from accounts.models import Unit, User
from innovations.filters import InnovationFilter
from innovations.models import Innovation
from intan_banjar.filtersets import PortalFilterSet
from tests.innovations.factories import InnovationFactory, open_cycle


def _labels(form):
    return {name: str(field.label) for name, field in form.fields.items()}


def test_form_class_is_built_once_per_language():
    with translation.override("id"):
        first = InnovationFilter({"year": "2025"}, queryset=Innovation.objects.none())
        again = InnovationFilter({}, queryset=Innovation.objects.none())
        assert type(first.form) is type(again.form)
    with translation.override("en"):
        english = InnovationFilter({}, queryset=Innovation.objects.none())
        assert type(english.form) is not type(first.form)


@pytest.mark.parametrize("language", ["id", "en"])
def test_cached_form_has_the_fields_and_labels_django_filter_builds(language):
    with translation.override(language):
        filterset = InnovationFilter({}, queryset=Innovation.objects.none())
        stock = django_filters.FilterSet.get_form_class(filterset)()
        assert _labels(filterset.form) == _labels(stock)
        assert list(filterset.form.fields) == list(stock.fields)


def test_changing_one_forms_fields_leaves_the_next_form_alone():
    changed = InnovationFilter({}, queryset=Innovation.objects.none()).form
    changed.fields["status"].label = "changed"
    changed.fields["status"].choices = [("", "only")]
    fresh = InnovationFilter({}, queryset=Innovation.objects.none()).form
    assert fresh.fields["status"].label != "changed"
    assert len(fresh.fields["status"].choices) > 1


@pytest.mark.django_db
def test_filters_still_narrow_the_queryset(unit, other_unit):
    cycle = open_cycle()
    mine = InnovationFactory(unit=unit, cycle=cycle)
    InnovationFactory(unit=other_unit, cycle=cycle)
    for _ in range(2):  # the second request uses the kept form class
        filterset = InnovationFilter({"unit": unit.code}, queryset=Innovation.objects.all())
        assert list(filterset.qs) == [mine]


class UnitChoiceFilter(PortalFilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=lambda request: Unit.objects.all())

    class Meta:
        model = User
        fields = ["unit"]


def test_a_filter_whose_field_depends_on_the_request_is_built_each_time():
    first = UnitChoiceFilter({}, queryset=User.objects.none())
    second = UnitChoiceFilter({}, queryset=User.objects.none())
    assert type(first.form) is not type(second.form)


def test_a_field_built_on_the_class_filters_does_not_reach_the_forms():
    """The OpenAPI schema generator reads `base_filters[name].field` without a model: the
    field it caches on the class's filter has no label, and used to reach every later form."""
    for name, filter_ in InnovationFilter.base_filters.items():
        if name != "unit":
            filter_.field  # noqa: B018 - what drf-spectacular does
    try:
        with translation.override("en"):
            InnovationFilter._portal_form_classes = {}
            form = InnovationFilter({}, queryset=Innovation.objects.none()).form
            assert "None" not in _labels(form).values()
            assert _labels(form)["lab_stage"] == "Laboratorium Inovasi stage"
    finally:
        for filter_ in InnovationFilter.base_filters.values():
            filter_.__dict__.pop("_field", None)
        InnovationFilter._portal_form_classes = {}


def _portal_filtersets():
    import importlib

    for module in ("innovations.filters", "innovations.forms", "innovations.public_api"):
        importlib.import_module(module)
    for module in ("curation.queue", "agreements.filters", "portfolio.filters"):
        importlib.import_module(module)
    for module in ("notifications.filters", "accounts.filters"):
        importlib.import_module(module)
    found, todo = [], [PortalFilterSet]
    while todo:
        subclasses = todo.pop().__subclasses__()
        found += subclasses
        todo += subclasses
    return found


def _state(filter_):
    """A filter's attributes but its binding and its built field (which each filter set drops:
    `test_a_field_built_on_the_class_filters_does_not_reach_the_forms`)."""
    skipped = ("filter", "parent", "model", "_field")
    return {k: v for k, v in vars(filter_).items() if k not in skipped}


def test_each_filter_set_gets_its_own_copies_equal_to_a_deep_copy():
    import copy

    for filterset_class in _portal_filtersets():
        model = filterset_class._meta.model
        filterset = filterset_class({}, queryset=model.objects.none())
        deep = copy.deepcopy(filterset_class.base_filters)
        assert list(filterset.filters) == list(filterset_class.base_filters)
        for name, filter_ in filterset.filters.items():
            original = filterset_class.base_filters[name]
            assert filter_ is not original and filter_.extra is not original.extra
            assert type(filter_) is type(original)
            assert _state(filter_) == _state(deep[name]), (filterset_class, name)
            assert "_field" not in vars(filter_)
            assert filter_.parent is filterset and filter_.model is model


def test_a_method_filter_calls_its_own_filter_set():
    from curation.queue import QueueFilter

    first = QueueFilter({}, queryset=Innovation.objects.none())
    second = QueueFilter({}, queryset=Innovation.objects.none())
    for filterset in (first, second):
        method_filter = filterset.filters["ordering"]
        assert method_filter.filter.f is method_filter
        assert method_filter.filter.method.__self__ is filterset


def test_a_request_filter_changes_its_own_extra_only():
    """ModelChoiceFilter replaces its declared queryset callable by the request's queryset."""
    declared = UnitChoiceFilter.base_filters["unit"].extra["queryset"]
    filterset = UnitChoiceFilter({}, queryset=User.objects.none())
    filterset.form  # noqa: B018 - builds the field: puts the queryset in the copy's extra
    assert filterset.filters["unit"].extra["queryset"] is not declared
    assert UnitChoiceFilter.base_filters["unit"].extra["queryset"] is declared
    assert "_field" not in vars(UnitChoiceFilter.base_filters["unit"])
