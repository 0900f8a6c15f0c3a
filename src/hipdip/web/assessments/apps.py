from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Photo sessions, their analyses, markings, previews, comparisons and gallery consent.

    The label stays ``photos``, the label the sessions app had: its migration history,
    its tables and the other apps' migrations that point at it keep working unchanged. The
    former ``imaging`` app's two tables are adopted as they are (see migration 0003).
    """

    name = "hipdip.web.assessments"
    label = "photos"
    verbose_name = "Assessments"
