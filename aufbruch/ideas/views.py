from django.shortcuts import get_object_or_404, render

from .panels import panels_for
from .selectors import idea_list_public


def idea_list(request):
    ideas = list(idea_list_public().order_by("-created_at")[:20])
    return render(request, "ideas/idea_list.html", {"ideas": ideas})


def idea_detail(request, pk: int):
    idea = get_object_or_404(idea_list_public(), pk=pk)
    return render(request, "ideas/idea_detail.html", {"idea": idea, "panels": panels_for(request, idea)})
