import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intan_banjar.settings.production")
application = get_wsgi_application()

# URL resolver, message catalogues and templates loaded now, not on each worker's first requests.
from intan_banjar.warmup import warm_up  # noqa: E402

warm_up()
