"""Files of decrees, monitoring reports and replications: stored as the innovation's attachments.

They pass the same content check as every upload (`innovations.uploads.check_upload`), are
downloaded through the same permission-checked view, and, tagged with their IID indicator,
count as evidence on the readiness page. Unlike the profile's evidence they can be added after
the launch: the record's own service decides when.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from innovations.evidence_services import release_file
from innovations.models import Attachment
from innovations.uploads import check_upload, save_with_file, upload_name
from intan_banjar.exceptions import InvalidInput


def validated(obj, *, exclude=()):
    """`obj.full_clean()`, its errors raised as the domain's `InvalidInput` (400)."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise InvalidInput(exc.message_dict) from None


def evidence_store(*, innovation, file, kind, by, indicator=None):
    """One checked file as an attachment of `innovation`; a refused file stores nothing."""
    content_type = check_upload(file)  # TooLarge (413) or InvalidInput (400): the contract's
    attachment = Attachment(
        innovation=innovation,
        kind=kind,
        indicator=indicator,
        filename=upload_name(file, content_type),  # the name it downloads with
        size=file.size,
        content_type=content_type,
        uploaded_by=by,
    )
    validated(attachment, exclude=["file", "innovation"])
    with transaction.atomic():
        return save_with_file(attachment, attachment.file, attachment.filename, file)


def evidence_remove(attachments):
    """Remove attachments a record owned; their files go once no attachment points at them."""
    for attachment in attachments:
        if attachment is None:
            continue
        attachment.delete()
        release_file(attachment.file)
