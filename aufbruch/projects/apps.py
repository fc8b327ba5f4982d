from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "aufbruch.projects"
    label = "projects"
    verbose_name = _("Projects and pilots")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel

        from .demo import seed_projects
        from .models import Project
        from .panels import ideas_showing, project_panel_context

        register_panel(
            IdeaPanel(
                key="projects",
                template="projects/panel_project.html",
                context=project_panel_context,
                order=25,
            )
        )
        register_idea_page_source(Project, ideas_showing)
        register_seeder("projects", 95, seed_projects)
