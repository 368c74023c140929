"""Work every web worker would otherwise do on its first requests, done when it starts.

Django fills its URL resolver, loads each language's message catalogues and compiles each
template (the cached template loader) the first time a request needs them: a worker's first
pages cost tens of milliseconds more than the next ones, and every worker (gunicorn runs several,
each restarted now and then) pays again. `warm_up()` runs from the WSGI module, so a worker
answers its first request at full speed.

Then everything loaded so far (modules, the resolver, catalogues, compiled templates: about
150,000 objects that live as long as the worker) is moved out of the garbage collector's
generations (`gc.freeze()`), so its collections stop walking them: over the load test's reads
the collector's CPU fell from 1.9 to 1.1 ms a request (docs/decisions.md).
"""

import gc
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import trans_real


def warm_up():
    reverse("home")  # fills the resolver of the whole URL configuration
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # reads the .mo files of every app for the language
    for name in project_templates():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # pragma: no cover - a broken one
            continue  # fails on the request that uses it, as before
    gc.collect()
    gc.freeze()


def project_templates():
    """The names of the pages' templates (TEMPLATES' DIRS), base layout first."""
    names = ["base.html"]
    for folder in settings.TEMPLATES[0]["DIRS"]:
        root = Path(folder)
        names += sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))
    return list(dict.fromkeys(names))
