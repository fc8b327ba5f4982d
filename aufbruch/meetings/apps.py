from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "aufbruch.meetings"
    label = "meetings"
