"""API documentation as a plain server-rendered page: the endpoints, their
parameters and response codes, read from the OpenAPI schema. No scripts or
styles from third parties (our CSP forbids them)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from aufbruch.core.links import absolute_url

from .public import license_info


def _type_label(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_label(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    label = schema.get("type", "")
    limits = [
        f"{key} {schema[key]}" for key in ("minimum", "maximum", "maxLength") if key in schema
    ]
    return f"{label} ({', '.join(limits)})" if limits else label


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's operations in a shape a template can show."""
    result = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            result.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "location": p["in"],
                            "required": p.get("required", False),
                            "type": _type_label(p.get("schema", {})),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return result


class ServerRenderedDocs(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "api_title": schema["info"]["title"],
            "endpoints": endpoints(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "base_path": request.path.rsplit("/docs", 1)[0],
            "api_root": absolute_url(request.path.rsplit("/docs", 1)[0]),
            "license": license_info(),
        }
        return render(request, "api/docs.html", context)
