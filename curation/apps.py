from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def give_default_rubric(sender, instance, created, raw=False, **kwargs):
    """A new cycle starts with the default rubric (PRODUCT.md §5); admins change it later."""
    if created and not raw:
        from .models import Criterion
        from .rubric import create_default_rubric

        create_default_rubric(instance, Criterion)


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = _("Curation")

    def ready(self):
        """Plug curation into innovations without innovations importing it."""
        from innovations.enums import Action
        from innovations.models import Cycle
        from innovations.querysets import register_score_annotation
        from innovations.workflow import register_guard

        from .queue import annotate_score
        from .services import approve_needs_another_reviewer, approve_needs_review

        post_save.connect(give_default_rubric, sender=Cycle, dispatch_uid="curation.rubric")
        register_guard(Action.APPROVE, approve_needs_review)
        register_guard(Action.APPROVE, approve_needs_another_reviewer)
        register_score_annotation(annotate_score)
