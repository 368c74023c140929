"""Django's own strings that its Indonesian catalogue does not translate yet.

Marking them here puts them in locale/id (makemessages only collects strings from our
sources), and Django looks in LOCALE_PATHS before its own catalogues, so the portal shows them
in Indonesian. This module is never imported: the markers are for makemessages only.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # The empty choice of every optional select built from model choices (Django 6.x).
    gettext_noop("- Select an option -"),
)
