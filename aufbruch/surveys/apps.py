from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "aufbruch.surveys"
    label = "surveys"
