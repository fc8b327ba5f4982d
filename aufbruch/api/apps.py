from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "aufbruch.api"
    label = "api"
