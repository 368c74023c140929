"""Attachments are kept under the name they download with (`innovations.uploads.upload_name`):
rows stored before, named as the user typed ("foto.pdf" holding a PNG), are renamed the same
way, and so are their entries in the submitted snapshots, so that the next "what changed" does
not list the new name as a change the unit made.

A snapshot's entry names no attachment row: it is renamed only when, in its innovation, every
attachment with that old name got the same new one (an entry of a removed file stays as it was).
"""

import os
from collections import defaultdict

from django.db import migrations

# `innovations.uploads.download_name` as it stood: a migration keeps its meaning when the code
# moves on.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg", ".jpe"),
    "image/png": (".png",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
}
MAX_LENGTH = 255


def download_name(filename, content_type):
    stem, extension = os.path.splitext(filename or "file")
    allowed = EXTENSIONS.get(content_type, (".bin",))
    if extension.lower() in allowed:
        return filename
    return f"{stem or 'file'}{allowed[0]}"[-MAX_LENGTH:]


def rename(apps, schema_editor):
    Attachment = apps.get_model("innovations", "Attachment")
    ProfileVersion = apps.get_model("innovations", "ProfileVersion")
    # innovation id -> old name -> the names its attachments of that old name have now
    names = defaultdict(lambda: defaultdict(set))
    renamed = []
    rows = Attachment.objects.only("id", "innovation_id", "filename", "content_type")
    for attachment in rows.iterator(chunk_size=2000):
        old = attachment.filename
        new = download_name(old, attachment.content_type)
        names[attachment.innovation_id][old].add(new)
        if new != old:
            attachment.filename = new
            renamed.append(attachment)
    if not renamed:
        return
    Attachment.objects.bulk_update(renamed, ["filename"], batch_size=1000)
    touched = {attachment.innovation_id for attachment in renamed}
    for version in ProfileVersion.objects.filter(innovation_id__in=touched).iterator(
        chunk_size=500
    ):
        known = names[version.innovation_id]
        changed = False
        for item in version.data.get("attachments") or []:
            now = known.get(item.get("filename"), ()) if isinstance(item, dict) else ()
            if len(now) == 1 and item["filename"] not in now:
                (item["filename"],) = now
                changed = True
        if changed:
            version.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0017_held_decision_change"),
    ]

    operations = [
        migrations.RunPython(rename, migrations.RunPython.noop, elidable=True),
    ]
