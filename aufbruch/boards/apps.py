from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "aufbruch.boards"
    label = "boards"
