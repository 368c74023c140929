"""The web workers' start-up: URL resolver, catalogues and every page template loaded."""

import gc

from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real

from intan_banjar.warmup import project_templates, warm_up


def _cached_template_names():
    (loader,) = engines["django"].engine.template_loaders  # the cached loader of production
    return set(loader.get_template_cache)  # keyed by the name when nothing is skipped


def test_warm_up_loads_what_the_first_requests_would():
    try:
        warm_up()
        # what the worker loaded is out of the collector's generations
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()  # the test process goes on collecting as before
    assert get_resolver()._populated
    assert {"id", "en"} <= set(trans_real._translations)
    names = project_templates()
    assert names[0] == "base.html"
    assert "innovations/list.html" in names
    assert "includes/navbar.html" in names
    assert set(names) <= _cached_template_names()
