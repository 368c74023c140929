from rest_framework import serializers

from innovations.models import Cycle

from .models import ExportJob, LaunchEvent


class LaunchEventSerializer(serializers.ModelSerializer):
    year = serializers.SlugRelatedField(
        source="cycle", slug_field="year", queryset=Cycle.objects.all()
    )
    innovations_launched = serializers.IntegerField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = LaunchEvent
        fields = ["id", "year", "name", "date", "venue", "innovations_launched", "created_at"]
        read_only_fields = ["id", "created_at"]


class LaunchAddSerializer(serializers.Serializer):
    innovations = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class LaunchAddResultSerializer(serializers.Serializer):
    launched = serializers.ListField(child=serializers.DictField())
    refused = serializers.ListField(child=serializers.DictField())


class LaunchReportSerializer(serializers.Serializer):
    """Documents the report's shape for the schema; the data is built by reports.launch."""

    year = serializers.IntegerField()
    include_approved = serializers.BooleanField()
    total = serializers.IntegerField()
    by_source_category = serializers.DictField(child=serializers.IntegerField())
    by_origin = serializers.DictField(child=serializers.IntegerField())
    by_form = serializers.DictField(child=serializers.IntegerField())
    by_maturity = serializers.DictField(child=serializers.IntegerField())
    by_lab_stage = serializers.DictField(child=serializers.IntegerField())
    units_participating = serializers.IntegerField()
    units_total = serializers.IntegerField()
    innovations = serializers.ListField(child=serializers.DictField())


class ExportJobSerializer(serializers.ModelSerializer):
    progress = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "token",
            "kind",
            "format",
            "status",
            "progress",
            "rows_done",
            "rows_total",
            "filename",
            "error",
            "created_at",
            "finished_at",
            "download_url",
        ]

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return f"/reports/exports/{job.token}/download/"
