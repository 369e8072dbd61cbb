"""The public report form under concurrent citizens: reports/s and latency.

    python3 bench/report_form_bench.py [--clients 8] [--reports 800] [--posts 100000] [--evidence]

Prepares a fresh PANTAU_HOME (or DATABASE_URL), imports --posts posts from
/work/shared/bench/gen_posts.py so that each report's link is matched against a
real-sized table, starts `pantau serve --no-worker` as an office would, and
has --clients browsers file --reports reports between them: each opens the form
once, then posts reports that link one of the imported posts (with a small
photo each when --evidence is given). The rate limits are lifted for the run
(every client is one address and one browser).

Each client is one browser with one kept-alive connection (http.client rather than a client
library: the clients run on the server's cores, so their own cost is kept small) that sends back
the cookies the site sets, the CSRF token of the form it opened and the form's Referer. Each
report is one citizen's whole visit after the first: the form's POST (up to the redirect) and the
receipt page it leads to. Prints reports/s, the median and 95th percentile of that POST, the
errors, whether every report was saved exactly once, and the CPU-seconds per report the server's
processes (all of `pantau serve`'s process tree, read from /proc) and the clients spent, with the
load average before and after: on a shared machine the wall figures follow the load, the CPU figures much less.
"""

import argparse
import http.client
import http.cookies
import io
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import urllib3

ROOT = Path(__file__).resolve().parents[1]
PANTAU = [sys.executable, "-m", "pantau"]


def main():
    args = _arguments()
    home = Path(args.keep or tempfile.mkdtemp(prefix="pantau-form-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    env = _environment(home)
    urls = _load_posts(home, env, args.posts, args.generator)
    port = _free_port()
    server = subprocess.Popen(
        [
            *PANTAU,
            "serve",
            "--no-worker",
            "--port",
            str(port),
            *(["--threads", str(args.threads)] if args.threads else []),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: a pipe nobody reads during the run fills with the errors' tracebacks and
        # stops the server in the middle of writing one.
        stderr=(log := open(home / "serve.log", "w")),  # closed with the server, below
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, server, home / "serve.log")
        print(f"load average before: {_load()}; {os.cpu_count()} CPUs; database: {_database(env)}")
        server_cpu, client_cpu = _cpu_seconds(server.pid), time.process_time()
        timings, errors, wall = _run_clients(base, urls, args)
        server_cpu, client_cpu = _cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
        _print_figures(timings, errors, wall, args)
        if errors:
            print(f"the server's last words: {(home / 'serve.log').read_text()[-1500:]}")
        if timings:
            print(
                f"CPU per report: server {server_cpu / len(timings) * 1000:.1f} ms "
                f"({server_cpu:.1f} CPU-s in all), clients {client_cpu / len(timings) * 1000:.1f} ms"
            )
        saved = _reports_saved(env)
        print(
            f"reports saved: {saved} (sent and accepted: {len(timings)}){'' if saved == len(timings) else '  MISMATCH'}"
        )
        print(f"load average after: {_load()}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if not args.keep:  # the office of one run is of no use after it; a kept one is asked for
            shutil.rmtree(home, ignore_errors=True)


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--reports", type=int, default=800, help="reports in all, shared between the clients")
    parser.add_argument("--posts", type=int, default=100_000, help="posts imported first (0: none)")
    parser.add_argument("--evidence", action="store_true", help="attach a small photo to every report")
    parser.add_argument("--threads", type=int, help="web server threads (default: pantau serve's)")
    parser.add_argument("--generator", default=str(ROOT.parent.parent / "shared" / "bench" / "gen_posts.py"))
    parser.add_argument("--keep", help="keep the PANTAU_HOME here instead of a temporary folder")
    return parser.parse_args()


def _environment(home: Path) -> dict:
    return {
        **os.environ,
        "PANTAU_HOME": str(home),
        "PANTAU_REPORT_BROWSER_LIMIT": "1000000",
        "PANTAU_REPORT_ADDRESS_LIMIT": "1000000",
        "PANTAU_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def _load_posts(home: Path, env: dict, posts: int, generator: str) -> list[str]:
    subprocess.run([*PANTAU, "migrate"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if posts <= 0:
        return ["https://www.facebook.com/someone/posts/1"]
    source = Path(generator) if Path(generator).exists() else Path("/work/shared/bench/gen_posts.py")
    data = home / "bench-posts"
    subprocess.run(
        [sys.executable, str(source), "--posts", str(posts), "--out", str(data)], check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [*PANTAU, "import", str(data / "posts.jsonl"), "--no-progress"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with open(data / "posts.jsonl", encoding="utf-8") as lines:
        return [json.loads(line)["url"] for line in lines if line.strip()]


def _run_clients(base: str, urls: list[str], args) -> tuple[list[float], list[str], float]:
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    share = [args.reports // args.clients + (1 if i < args.reports % args.clients else 0) for i in range(args.clients)]

    def client(number: int, count: int) -> None:
        browser = Browser(base)
        rng = random.Random(number)
        token = _open_form(browser)
        for index in range(count):
            started = time.perf_counter()
            try:
                fields = _report_fields(token, rng.choice(urls), number, index)
                status, location = browser.post("/lapor/", fields, _photo(number, index) if args.evidence else None)
                took = time.perf_counter() - started
                ok = status == 302
                if ok:  # the citizen's browser follows to the receipt
                    ok = browser.get(location)[0] == 200
                outcome = str(status)
            except (OSError, http.client.HTTPException) as exc:
                took, ok, outcome = time.perf_counter() - started, False, type(exc).__name__
                browser.reconnect()
            with lock:
                if ok:
                    timings.append(took)
                else:
                    errors.append(outcome)

    threads = [threading.Thread(target=client, args=(n, share[n])) for n in range(args.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors, time.perf_counter() - started


class Browser:
    """What a citizen's browser does, without a client library's own cost (the clients share the server's
    cores): one kept-alive connection, the cookies the site sets sent back, the Referer of the form."""

    def __init__(self, base: str):
        self.base = base
        self.host, port = urllib.parse.urlsplit(base).netloc.split(":")
        self.port = int(port)
        self.cookies: dict[str, str] = {}
        self.reconnect()

    def reconnect(self) -> None:
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def get(self, path: str) -> tuple[int, str]:
        status, _location, body = self._request("GET", path, b"", {})
        return status, body.decode("utf-8", "replace")

    def post(self, path: str, fields: dict, files: dict | None) -> tuple[int, str]:
        if files:
            body, content_type = urllib3.encode_multipart_formdata({**fields, **files})
        else:
            body, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, "Referer": f"{self.base}{path}"}
        status, location, _body = self._request("POST", path, body, headers)
        return status, location

    def _request(self, method: str, path: str, body: bytes, headers: dict) -> tuple[int, str, bytes]:
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self.connection.request(method, path, body=body or None, headers=headers)
        answer = self.connection.getresponse()
        data = answer.read()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.coded_value
        location = answer.headers.get("Location", "")
        return answer.status, urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl(), data


def _open_form(browser: Browser) -> str:
    status, page = browser.get("/lapor/")
    if status != 200:
        raise SystemExit(f"the report form answered {status}")
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not found:
        raise SystemExit("the report form has no CSRF token: is /lapor/ the form?")
    return found.group(1)


def _report_fields(token: str, url: str, client: int, index: int) -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "name": f"Warga {client}-{index}",
        "address": f"Jl. Tjilik Riwut No. {index}, Tamiang Layang",
        "phone": f"0812{client:03d}{index:05d}",
        "reported_name": "Akun penyebar",
        "reported_links": url,
        "description": f"Unggahan ini menghasut warga menjelang pemungutan suara (laporan {client}-{index}).",
        "occurred_on": "2024-11-20",
        "known_on": "2024-11-21",
        "place_detail": "Facebook",
        "consent": "on",
        "website": "",
    }


def _photo(client: int, index: int) -> dict:
    from PIL import Image

    image = Image.new("RGB", (320, 240), ((client * 37) % 256, (index * 11) % 256, 90))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return {"evidence": (f"bukti-{client}-{index}.jpg", buffer.getvalue(), "image/jpeg")}


def _print_figures(timings: list[float], errors: list[str], wall: float, args) -> None:
    if not timings:
        raise SystemExit(f"no report was accepted; errors: {errors[:5]}")
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"{len(timings)} reports from {args.clients} clients in {wall:.1f} s: {len(timings) / wall:.1f} reports/s; "
        f"POST median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
        f"evidence: {'a photo each' if args.evidence else 'none'}"
    )
    if errors:
        print(f"errors: {len(errors)} ({', '.join(sorted(set(errors))[:5])})")


def _reports_saved(env: dict) -> int:
    script = "from pantau.reports.models import Report; print(Report.objects.count())"
    out = subprocess.run(
        [*PANTAU, "shell", "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def _wait_until_up(base: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"pantau serve stopped: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"{base}/lapor/", timeout=5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("pantau serve did not answer in time")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_seconds(root: int) -> float:
    """User and system CPU-seconds of a process and all its descendants (Linux /proc; 0 elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        times[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total


def _database(env: dict) -> str:
    url = env.get("DATABASE_URL", "")
    return url.split("://", 1)[0] if url else "sqlite"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
