from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "aufbruch.opinions"
    label = "opinions"
