from django.apps import AppConfig


class AssumptionsConfig(AppConfig):
    name = "aufbruch.assumptions"
    label = "assumptions"
