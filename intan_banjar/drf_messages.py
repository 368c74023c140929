"""The REST framework's messages that reach this API's clients and that its Indonesian catalogue
does not translate (it holds 46 entries; API.md promises messages in the request's language).

Marking them here keeps them in locale/id: makemessages only collects strings from our sources,
and would drop their entries as obsolete otherwise. Django looks in LOCALE_PATHS before DRF's
own catalogue, so our translations are served. The msgids must stay exactly DRF's (placeholders
included); `tests/test_api_messages_id.py` checks every one against DRF's classes. This module is
never imported at run time: the markers are for makemessages only.

Left out: what only the browsable API or the OpenAPI schema shows (titles, parameter
descriptions, the select cut-off text), and what this project does not use (basic
authentication, cursor pagination, versioning). The throttle's wait is two separate msgids in
DRF, looked up with gettext before `ngettext` sees them, so they are marked singly here as well.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = (
    # rest_framework/exceptions.py
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    # rest_framework/authentication.py (TokenAuthentication)
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    gettext_noop("Invalid token."),
    # Translated by DRF, but misspelt there ("tidak akfif"): ours is served first.
    gettext_noop("User inactive or deleted."),
    # rest_framework/pagination.py (PageNumberPagination)
    gettext_noop("Invalid page."),
    # rest_framework/fields.py
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("String value too large."),
    gettext_noop("A valid biginteger is required."),
    gettext_noop("A valid number is required."),
    gettext_noop("Integer value too large to convert to float"),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop('"{input}" is not a valid path choice.'),
    gettext_noop("The submitted data was not a file. Check the encoding type on the form."),
    gettext_noop("No filename could be determined."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop("This list may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("This dictionary may not be empty."),
    # rest_framework/relations.py
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Invalid hyperlink - No URL match."),
    gettext_noop("Invalid hyperlink - Incorrect URL match."),
    gettext_noop("Invalid hyperlink - Object does not exist."),
    gettext_noop("Incorrect type. Expected URL string, received {data_type}."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop("Invalid value."),
    # rest_framework/serializers.py
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    # rest_framework/validators.py
    gettext_noop("This field must be unique."),
    gettext_noop("The fields {field_names} must make a unique set."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop('This field must be unique for the "{date_field}" date.'),
    gettext_noop('This field must be unique for the "{date_field}" month.'),
    gettext_noop('This field must be unique for the "{date_field}" year.'),
)
