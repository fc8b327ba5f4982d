from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "aufbruch.api"
    label = "api"

    def ready(self):
        from aufbruch.audit.services import register_change_handler

        from .http import retire_shared_answers

        register_change_handler(retire_shared_answers)
