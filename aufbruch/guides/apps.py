from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "aufbruch.guides"
    label = "guides"
