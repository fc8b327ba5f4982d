"""A tiny local Nominatim for tests: answers /search and /reverse on
127.0.0.1 with fixed Gütersloh data and records every request. Tests never
reach the internet."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RATHAUS = {
    "lat": "51.9065670",
    "lon": "8.3783210",
    "name": "Rathaus",
    "display_name": "Rathaus, 70, Berliner Straße, Innenstadt, Gütersloh, Kreis Gütersloh, "
    "Nordrhein-Westfalen, 33330, Deutschland",
    "address": {
        "road": "Berliner Straße",
        "house_number": "70",
        "suburb": "Innenstadt",
        "city": "Gütersloh",
        "postcode": "33330",
    },
}
STADTPARK = {
    "lat": "51.9046000",
    "lon": "8.3923000",
    "name": "Stadtpark",
    "display_name": "Stadtpark, Gütersloh, 33332, Deutschland",
    "address": {"park": "Stadtpark", "city": "Gütersloh", "postcode": "33332"},
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.server.requests.append((parts.path, params, dict(self.headers)))
        if self.server.broken:
            self.send_response(500)
            self.end_headers()
            return
        if parts.path.endswith("/search"):
            q = params.get("q", "").lower()
            body = [row for row in (RATHAUS, STADTPARK) if row["name"].lower() in q or "str" in q]
        elif parts.path.endswith("/reverse"):
            body = RATHAUS if params.get("lat", "").startswith("51.90") else {"error": "none"}
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def nominatim_stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.requests = []
    server.broken = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        server.url = f"http://127.0.0.1:{server.server_address[1]}"
        yield server
    finally:
        server.shutdown()
        server.server_close()
