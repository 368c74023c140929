"""Date widgets that show the saved value in the browser's date picker.

`<input type="date">` only accepts an ISO value (`2026-12-03`); Django's DateInput renders the
active locale's first input format, which for Indonesian is `03-12-2026`, so the picker showed an
empty field and saving the form again lost the agreement's signing date or the launch event's
date. Every date field of the portal uses these widgets (see tests/test_date_widgets.py, which
walks every form), and parsing still accepts ISO, which Django always adds to the input formats.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DatePickerInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateTimePickerInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)


class DateField(forms.DateField):
    """A date field whose widget is the date picker."""

    widget = DatePickerInput


class DateTimeField(forms.DateTimeField):
    """A date-time field whose widget is the browser's local date-time picker."""

    widget = DateTimePickerInput
    input_formats = [ISO_DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
