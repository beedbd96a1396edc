"""A stand-in LanguageTool HTTP server for the tests: /v2/languages and /v2/check, 127.0.0.1 only.

It answers with the responses a real LanguageTool gave to the tests' texts
(``tests/data/languagetool.json``, recorded by ``scripts/record_languagetool.py``):
``/v2/check`` returns the matches recorded for the exact text posted, or none. Run as a script (``fake_languagetool.py ... --port N``) it stands in for
``java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N``.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).resolve().parents[1] / "data" / "languagetool.json"


class FakeLanguageTool(ThreadingHTTPServer):
    """Serves recorded responses and remembers every text it was asked to check."""

    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.recorded: dict[str, Any] = json.loads(RECORDED.read_text(encoding="utf-8"))
        self.checked: list[str] = []
        self.languages_requests = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> FakeLanguageTool:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def do_GET(self) -> None:
        if urllib.parse.urlsplit(self.path).path == "/v2/languages":
            self.server.languages_requests += 1
            self._json(self.server.recorded["languages"])
        else:
            self._json({"error": "not found"}, 404)

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/v2/check":
            self._json({"error": "not found"}, 404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        form = urllib.parse.parse_qs(body, keep_blank_values=True)
        text = form.get("text", [""])[0]
        self.server.checked.append(text)
        recorded = self.server.recorded["check"].get(text, {"matches": []})
        language = form.get("language", ["en-US"])[0]
        self._json({"software": self.server.recorded["software"],
                    "language": {"name": "English", "code": language}, **recorded})

    def _json(self, value: Any, status: int = 200) -> None:
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


if __name__ == "__main__":
    FakeLanguageTool(int(sys.argv[sys.argv.index("--port") + 1])).serve_forever()
