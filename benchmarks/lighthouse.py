"""Lighthouse on every page of the built site, in its default mobile profile, served with gzip.

    python benchmarks/lighthouse.py [--site _build/html] [--pages book/nash.html,...] [--runs 3] [--json out.json]

``make bench`` runs it (benchmarks/run.py) and puts its table in benchmarks/RESULTS.md. Lighthouse's mobile
profile simulates a slow 4G connection and a CPU four times slower than this machine's. The site is served
from 127.0.0.1 by a small threaded server that gzips text files, as any web host does. Every page is measured
``RUNS`` times, each in a fresh headless Chromium (Debian's, through CHROME_PATH), and each figure reported is
the median of the runs: on a shared virtual machine one run's blocking time can vary by a factor of four, and
Lighthouse's own advice for such variance is the median of several runs. Lighthouse itself is installed on
first use into ``_build/lighthouse/`` from npm at the version pinned below (it is a benchmark tool, not a
dependency of the book or of its tests).

Lighthouse is a benchmark, not a test: nothing here fails ``make test``. tests/browser/test_performance.py guards
the means cheaply instead.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
TOOL_DIR = ROOT / "_build" / "lighthouse"
CHROME = "/usr/bin/chromium"
RUNS = 3  # per page; each figure is the median of the runs
GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it and the type is text."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in GZIP_TYPES and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Bytes(body)
        return super().send_head()


class _Bytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path):
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def lighthouse_bin() -> Path:
    binary = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOL_DIR), "--no-audit", "--no-fund",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, capture_output=True)
    return binary


def pages(site: Path) -> list[str]:
    """The site's pages (book/_ext/site_layout.py) but the root's redirect, the index and the search page."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import site_layout

    skipped = ("index.html", "genindex.html", "search.html")
    return [rel for rel in site_layout.relative_pages(site) if rel not in skipped]


def measure(url: str) -> dict:
    """One Lighthouse run (mobile profile, performance and accessibility); the figures we report."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    done = subprocess.run(
        [str(lighthouse_bin()), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=performance,accessibility",
         "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --disable-sync"],
        capture_output=True, text=True, env=env, timeout=300)
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "dom": audits.get("dom-size", {}).get("numericValue"),
    }


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over the runs of one page (Lighthouse's own advice for noisy machines: run it
    several times); the runs themselves are kept under ``runs``."""
    out = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    out["runs"] = runs
    return out


def _spread(r: dict, key: str, fmt: str) -> str:
    values = [run[key] for run in r.get("runs", [r])]
    return "" if len(values) < 2 else f" ({format(min(values), fmt)}–{format(max(values), fmt)})"


def table(results: dict[str, dict]) -> str:
    lines = ["| page | performance | accessibility | total blocking time | largest paint | transferred | DOM nodes |",
             "|---|---|---|---|---|---|---|"]
    for page, r in results.items():
        lines.append(f"| {page} | {r['performance']:.2f} | {r['accessibility']:.2f} "
                     f"| {r['tbt_ms']:.0f} ms{_spread(r, 'tbt_ms', '.0f')} "
                     f"| {r['lcp_s']:.1f} s{_spread(r, 'lcp_s', '.1f')} | {r['bytes'] / 2**20:.2f} MiB "
                     f"| {r['dom']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str]) -> dict[str, dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html")
    parser.add_argument("--pages", default="", help="comma-separated pages (default: every page)")
    parser.add_argument("--json", default="", help="also write the figures to this JSON file")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page; medians reported (default {RUNS})")
    args = parser.parse_args(argv)
    site = (ROOT / args.site).resolve()
    server, base = serve(site)
    results = {}
    try:
        for page in (args.pages.split(",") if args.pages else pages(site)):
            results[page] = median_of([measure(base + page) for _ in range(args.runs)])
            r = results[page]
            print(f"{page}: performance {r['performance']:.2f}, accessibility {r['accessibility']:.2f}, "
                  f"TBT {r['tbt_ms']:.0f} ms, LCP {r['lcp_s']:.1f} s, {r['bytes'] / 2**20:.2f} MiB", flush=True)
    finally:
        server.shutdown()
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
