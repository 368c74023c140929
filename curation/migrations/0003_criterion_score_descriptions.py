"""What scores 1, 3 and 5 mean per criterion (issue 16); the default rubric gets its texts."""

from django.db import migrations, models


# Copied, not imported: a migration must keep meaning what it meant when it was written.
DEFAULT_DESCRIPTIONS = {
    "kebaruan": (
        "Meniru cara yang sudah umum tanpa perubahan berarti.",
        "Mengadaptasi cara yang ada dengan perubahan nyata untuk Banjar.",
        "Cara baru yang belum diterapkan di daerah lain.",
    ),
    "kemanfaatan": (
        "Manfaat belum jelas atau belum terukur.",
        "Manfaat terukur bagi sebagian sasaran.",
        "Manfaat terukur dan luas, dengan data sebelum dan sesudah.",
    ),
    "kewenangan_kolaborasi": (
        "Di luar kewenangan daerah atau dijalankan sendiri.",
        "Dalam kewenangan daerah dengan satu atau dua mitra.",
        "Dalam kewenangan daerah dengan kolaborasi pentahelix yang aktif.",
    ),
    "replikasi_aplikatif": (
        "Sulit ditiru unit lain.",
        "Dapat ditiru unit lain dengan penyesuaian besar.",
        "Siap ditiru unit lain dengan panduan dan biaya yang jelas.",
    ),
    "kualitas_penyajian": (
        "Profil tidak lengkap atau sulit dipahami.",
        "Profil lengkap tetapi bukti pendukung terbatas.",
        "Profil lengkap, runtut, dengan bukti pendukung yang kuat.",
    ),
}


def describe_default_criteria(apps, schema_editor):
    """Criteria of the default rubric that have no descriptions yet get the default ones."""
    Criterion = apps.get_model("curation", "Criterion")
    for code, (one, three, five) in DEFAULT_DESCRIPTIONS.items():
        Criterion.objects.filter(
            code=code, description_1="", description_3="", description_5=""
        ).update(description_1=one, description_3=three, description_5=five)


class Migration(migrations.Migration):

    dependencies = [
        ('curation', '0002_default_rubric'),
    ]

    operations = [
        migrations.AddField(
            model_name='criterion',
            name='description_1',
            field=models.TextField(blank=True, max_length=500, verbose_name='a score of 1 means'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='description_3',
            field=models.TextField(blank=True, max_length=500, verbose_name='a score of 3 means'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='description_5',
            field=models.TextField(blank=True, max_length=500, verbose_name='a score of 5 means'),
        ),
        migrations.RunPython(describe_default_criteria, migrations.RunPython.noop),
    ]
