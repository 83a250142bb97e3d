"""The child process that draws a document's charts: `python -m reports.documents.chart_worker`.

kaleido runs Chromium from a thread of its own, and when the browser is missing or never
answers, that thread dies or waits while the caller waits on it forever. So the charts are
drawn here, in a process the caller can give a deadline and kill (chart_process.py), never in
the worker or web process itself. No Django here: the child must start fast and touch no
database.

Protocol: stdin holds one JSON object {"plotlyjs", "proxy", "figures": [[figure, w, h], …]};
stdout gets one JSON line per figure, {"svg": …}, or one {"error": …} line and the end.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any


def main() -> int:
    request = json.load(sys.stdin)
    out = sys.stdout
    # kaleido and its browser driver log every tab at INFO; stderr goes to the parent's log.
    for name in ("kaleido", "choreographer", "logistro"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        import kaleido

        # The page's own plotly-basic and no MathJax: kaleido's default would fetch MathJax
        # from a CDN, and no PDF may make the server call another host. The proxy that
        # leads nowhere is the second lock: whatever the browser tries, it reaches no host.
        kaleido.start_sync_server(
            plotlyjs=request["plotlyjs"],
            mathjax=False,
            proxy_server=request["proxy"],
            silence_warnings=True,
        )
    except Exception as exc:  # the parent turns any failure into the document's reason
        _write(out, {"error": f"{type(exc).__name__}: {exc}"})
        return 1
    try:
        for figure, width, height in request["figures"]:
            raw = kaleido.calc_fig_sync(
                figure, opts={"format": "svg", "width": width, "height": height}
            )
            _write(out, {"svg": _text(raw)})
    except Exception as exc:
        _write(out, {"error": f"{type(exc).__name__}: {exc}"})
        return 1
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return 0


def _write(out: Any, message: dict[str, str]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _text(raw: Any) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else str(raw)


if __name__ == "__main__":
    sys.exit(main())
