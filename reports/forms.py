from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.forms import BootstrapForm
from intan_banjar.widgets import DateField


class LaunchEventForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    date = DateField(label=_("Date"))
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
