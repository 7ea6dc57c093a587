"""A scripted attacker against the pace tickets (:mod:`kcs_core.pacing`): how many
tips and e-service requests one machine files in an hour, and what the same defence
costs residents behind one carrier address.

The attacker plays against a real site: gunicorn (one worker, so the default
in-process cache holds every counter, as Redis would in production) with the
development settings on a fresh SQLite database with the demo content, the pace
settings left at their production defaults. From one client address it uses what a
program can: the captcha's spoken alternative (the text, or the sound fetched and
matched against espeak-ng's own synthesis of each digit), the pace ticket solved
natively with the ``altcha`` library (starting at half the advertised work, since
the answer is never below it), a used ticket replayed, a bulk ticket kept for
later, one fill-time token reused for every tip, the honeypot left empty, and every
request with rotating ``X-Forwarded-For``, ``X-Real-IP``, ``Forwarded`` and user
agent headers. It files tips and e-service requests over the JSON API until the
wall-clock budget is spent or the next ticket's expected solve would not fit in it.

Then residents: other loopback addresses (Linux routes all of 127.0.0.0/8 to the
loopback interface) stand for carrier addresses shared by N residents.

    .venv/bin/python -m bench.scripted_attacker            # 300 s, writes the report
    .venv/bin/python -m bench.scripted_attacker --seconds 60 --no-write

It writes its section of docs/benchmarks.md. Keep the machine otherwise quiet.
"""

import argparse
import hashlib
import http.client
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import wave
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import altcha

from bench.common import ROOT, machine_summary, write_section
from bench.submissions import answers_for, request_body
from tests.production_stack import free_port

HOST = "127.0.0.1"
ATTACKER = "127.0.0.1"
SETTINGS = "kcs_wagtail.settings.dev"
HOUR = 3600
# Carrier addresses shared by residents: (address, residents before the one measured).
CARRIERS = (("127.0.0.2", 5), ("127.0.0.3", 20))
TIP_CARRIER = "127.0.0.4"
RESIDENT_TIPS = 12
# How much slower than this machine's core a low-end phone's is at SHA-256: an
# assumption (not measured here), for the residents' estimate only.
PHONE_SLOWDOWN = 3
THAI_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
# The JavaScript measurement: WebCrypto PBKDF2, as the widget's worker derives keys.
NODE_SCRIPT = """
const {subtle} = globalThis.crypto;
const [count, cost] = [Number(process.argv[1]), Number(process.argv[2])];
(async () => {
  const salt = new Uint8Array(16).fill(7);
  const password = new Uint8Array(20);
  const view = new DataView(password.buffer);
  const start = process.cpuUsage();
  for (let counter = 0; counter < count; counter++) {
    view.setUint32(16, counter);
    const key = await subtle.importKey("raw", password, {name: "PBKDF2"}, false,
      ["deriveBits"]);
    await subtle.deriveBits({name: "PBKDF2", hash: "SHA-256", salt, iterations: cost},
      key, 256);
  }
  const used = process.cpuUsage(start);
  console.log((used.user + used.system) / 1e6 / count);
})();
"""


def site_env(folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        KCS_PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
    )
    env.update(extra)
    return env


class Site:
    """gunicorn with one worker on a fresh SQLite database with the demo content,
    for the duration of a ``with`` block."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kcs-attacker-"))
        self.port = free_port()
        self.env = site_env(self.folder)

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            check=True,
        )

    def __enter__(self):
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        gunicorn = shutil.which("gunicorn", path=str(ROOT / ".venv/bin")) or "gunicorn"
        self.process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "kcs_wagtail.wsgi"],
            cwd=ROOT,
            env={
                **self.env,
                "GUNICORN_BIND": f"{HOST}:{self.port}",
                "GUNICORN_WORKERS": "1",
                "GUNICORN_MAX_REQUESTS": "0",
                "GUNICORN_ACCESS_LOG": "/dev/null",
                "GUNICORN_TIMEOUT": "120",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client(self.port, ATTACKER).call("GET", "/api/tips/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def rotating_headers() -> dict[str, str]:
    """What an attacker sends to look like someone else each time: the server
    trusts no proxy by default, so none of these should matter."""
    address = ".".join(str(1 + secrets.randbelow(254)) for _ in range(4))
    return {
        "X-Forwarded-For": address,
        "X-Real-IP": address,
        "Forwarded": f"for={address}",
        "True-Client-IP": address,
        "CF-Connecting-IP": address,
        "User-Agent": f"Mozilla/5.0 (Linux; Android {9 + secrets.randbelow(7)}) "
        f"Chrome/{100 + secrets.randbelow(41)}.0",
    }


class Client:
    """HTTP from one source address (a loopback alias stands for a client)."""

    def __init__(self, port: int, source: str, rotate: bool = False):
        self.port, self.source, self.rotate = port, source, rotate
        self.requests, self.request_seconds = 0, 0.0

    def raw(self, method: str, url: str, body: dict | None = None):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {"Accept-Language": "en", "Content-Type": "application/json"}
        if self.rotate:
            headers.update(rotating_headers())
        started = time.perf_counter()
        connection = http.client.HTTPConnection(
            HOST, self.port, timeout=120, source_address=(self.source, 0)
        )
        try:
            data = json.dumps(body).encode() if body is not None else None
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        self.requests += 1
        self.request_seconds += time.perf_counter() - started
        return response.status, content

    def call(self, method: str, url: str, body: dict | None = None):
        status, content = self.raw(method, url, body)
        return status, json.loads(content or b"{}")


# --- The captcha -------------------------------------------------------------------


def espeak(digits: str) -> bytes:
    """The samples espeak-ng makes of ``digits``, with the server's own options
    (``kcs_core.captcha.audio_response``)."""
    words = ", ".join(THAI_DIGIT_WORDS[int(digit)] for digit in digits)
    wav = subprocess.run(
        ["espeak-ng", "-v", "th", "-s", "110", "-g", "12", "--stdout", words],
        capture_output=True,
        check=True,
    ).stdout
    return samples(wav)


def samples(wav: bytes) -> bytes:
    with wave.open(io.BytesIO(wav)) as sound:
        return sound.readframes(sound.getnframes())


def common_prefix(a: bytes, b: bytes) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def solve_captcha(client: Client, captcha: dict, length: int = 5) -> tuple[str, str]:
    """The digits, and how they were found: from the spoken text, or from the sound
    by synthesising each candidate digit after the ones already found (espeak-ng
    speaks clause by clause, so the right digit extends the common prefix)."""
    if captcha.get("spoken_text"):
        words = captcha["spoken_text"].split()
        return "".join(str(THAI_DIGIT_WORDS.index(word)) for word in words), "text"
    status, wav = client.raw("GET", captcha["audio_url"])
    if status != 200:
        raise SystemExit(f"captcha audio: {status}")
    target, known = samples(wav), ""
    for _position in range(length):
        known += max(
            "0123456789",
            key=lambda d: common_prefix(target, espeak((known + d).ljust(length, "0"))),
        )
    return known, "audio"


# --- The pace ticket ---------------------------------------------------------------


def solve_ticket(pace: dict, *, from_half: bool, timeout: float = 0):
    """The ``pace`` answer (None when out of time), wall and CPU seconds, and key
    derivations.
    The server picks the answer in [work/2, 3·work/2): an attacker who read the
    code starts at work/2, the widget at 0."""
    challenge = altcha.Challenge.from_dict(pace["challenge"])
    start = pace["work"] // 2 if from_half else 0
    began, cpu = time.perf_counter(), time.process_time()
    solution = altcha.solve_challenge(challenge, counter_start=start, timeout=timeout)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    if solution is None:
        return None, seconds, cpu, 0
    answer = {
        "ticket": pace["ticket"],
        "solution": altcha.Payload(challenge, solution).to_base64(),
    }
    return answer, seconds, cpu, solution.counter - start + 1


def derivations(count: int) -> float:
    """Wall seconds for ``count`` PBKDF2 key derivations (as ``altcha`` derives)."""
    from kcs_core import pacing

    began = time.perf_counter()
    for counter in range(count):
        hashlib.pbkdf2_hmac(
            "sha256", counter.to_bytes(20, "big"), b"s" * 16, pacing.iterations(), 32
        )
    return time.perf_counter() - began


def parallel_speedup(count: int = 4000) -> float:
    """Derivations a second on two processes over one (the same total work)."""
    one = derivations(count)
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(derivations, [10, 10]))  # start the processes
        began = time.perf_counter()
        list(pool.map(derivations, [count // 2, count // 2]))
        two = time.perf_counter() - began
    return one / two


def webcrypto_seconds(count: int = 300) -> float | None:
    """CPU seconds one WebCrypto PBKDF2 derivation takes in Node on this machine
    (the widget's way of deriving keys), or None without Node."""
    from kcs_core import pacing

    node = shutil.which("node")
    if not node:
        return None
    output = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(count), str(pacing.iterations())],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(output.strip())


# --- The attack --------------------------------------------------------------------


def errors_of(reply: dict) -> str:
    messages = [reply.get("detail", "")]
    for items in (reply.get("errors") or {}).values():
        messages.extend(items)
    return " / ".join(message for message in messages if message)[:160]


class Attacker:
    def __init__(self, port: int, seconds: float):
        self.client = Client(port, ATTACKER, rotate=True)
        self.seconds = seconds
        self.filings: list[dict] = []
        self.replays: list[dict] = []
        self.probes: list[str] = []
        self.captchas: list[tuple[float, str]] = []
        self.solved_seconds = 0.0
        self.solved_cpu = 0.0
        self.solved_derivations = 0
        self.tips_allowed = True
        self.stop_reason = ""

    def rate(self) -> float:
        """Key derivations a second of wall time, on the tickets so far."""
        return self.solved_derivations / max(self.solved_seconds, 1e-9)

    def cpu_rate(self) -> float:
        """Key derivations a CPU second, on the tickets so far."""
        return self.solved_derivations / max(self.solved_cpu, 1e-9)

    def solved(self, seconds: float, cpu: float, derived: int) -> None:
        self.solved_seconds += seconds
        self.solved_cpu += cpu
        self.solved_derivations += derived

    def discover(self) -> None:
        _status, services = self.client.call("GET", "/api/eservice/services/?locale=th")
        water = next(s for s in services if "น้ำ" in s["title"])
        self.service_form_url = water["form_url"]
        _status, tip_pages = self.client.call("GET", "/api/tips/")
        self.tip_form_url = next(p for p in tip_pages if p["locale"] == "th")[
            "form_url"
        ]
        # One fill-time token, reused for every tip once it is 5 s old.
        _status, form = self.client.call("GET", self.tip_form_url)
        self.started = next(f for f in form["fields"] if f["key"] == "started")[
            "initial"
        ]

    def form(self, kind: str) -> dict:
        url = self.tip_form_url if kind == "tip" else self.service_form_url
        status, form = self.client.call("GET", url)
        if status != 200:
            raise SystemExit(f"{kind} form: {status} {form}")
        return form

    def submit(self, kind: str, form: dict, pace: dict) -> tuple[int, dict, dict]:
        answers = answers_for(form)
        if kind == "tip":
            began = time.perf_counter()
            digits, how = solve_captcha(self.client, form["captcha"])
            self.captchas.append((time.perf_counter() - began, how))
            answers.update(
                category="bribery",
                description="ทดสอบระบบอัตโนมัติ",
                started=self.started,
                captcha={"key": form["captcha"]["key"], "answer": digits},
            )
            answers.pop("website", None)  # the honeypot
            body = {"answers": answers, "pace": pace}
        else:
            body = request_body(answers, pace)
        status, reply = self.client.call("POST", form["submit_url"], body)
        return status, reply, body

    def record(self, kind, form, status, reply, seconds, cpu, derived, how) -> dict:
        filing = {
            "index": len(self.filings) + 1,
            "kind": kind,
            "how": how,
            "cpu": cpu,
            **ticket_outcome(form, seconds, derived, status),
            "accepted": status in (200, 201),
            "error": "" if status in (200, 201) else errors_of(reply),
            "at": time.time(),
        }
        self.filings.append(filing)
        print(
            f"#{filing['index']:3} {kind:9} level {filing['level']:2} "
            f"solve {seconds:7.2f} s  {status} {filing['error'][:70]}",
            flush=True,
        )
        return filing

    def replay(self, kind: str, form: dict, body: dict, what: str) -> None:
        """Send a spent (or stale) ticket again with fresh answers."""
        body = {**body, "idempotency_key": str(uuid.uuid4())}
        status, reply = self.client.call("POST", form["submit_url"], body)
        self.replays.append(
            {
                "what": what,
                "status": status,
                "accepted": status in (200, 201),
                "error": errors_of(reply),
            }
        )

    def probe_headers(self) -> None:
        """The level offered with rotating headers and without them."""
        self.client.rotate = False
        plain = self.form("e-service")["pace"]["level"]
        self.client.rotate = True
        rotated = [self.form("e-service")["pace"]["level"] for _ in range(3)]
        self.probes.append(f"without: level {plain}; rotated thrice: levels {rotated}")

    def run(self) -> None:
        self.discover()
        deadline = time.monotonic() + self.seconds
        self.load = [os.getloadavg()[0]]
        # A ticket fetched and solved now, kept for after the free filings.
        stale_form = self.form("e-service")
        stale, *spent = solve_ticket(stale_form["pace"], from_half=True)
        self.solved(*spent)
        # The no-JavaScript way: wait for the ticket to mature, send it alone.
        form = self.form("e-service")
        wait = self.wait_seconds(form["pace"])
        time.sleep(wait)
        status, reply, body = self.submit(
            "e-service", form, {"ticket": form["pace"]["ticket"]}
        )
        self.record("e-service", form, status, reply, wait, 0, 0, "matured")
        if status in (200, 201):
            self.replay("e-service", form, body, "matured ticket sent again")
        kinds = ["tip", "e-service"]
        free = None
        while True:
            kind = kinds[len(self.filings) % 2] if self.tips_allowed else "e-service"
            form = self.form(kind)
            pace = form["pace"]
            if free is None and pace["level"] > 0:
                free = len([f for f in self.filings if f["accepted"]])
                self.probe_headers()
                self.replay("e-service", stale_form, self.stale_body(stale), "stale")
            remaining = deadline - time.monotonic()
            expected = pace["work"] / 2 / self.rate()
            if expected > remaining:
                self.stop_reason = (
                    f"the next ticket (level {pace['level']}) would take about "
                    f"{expected:.0f} s to solve, {max(remaining, 0):.0f} s were left"
                )
                break
            answer, seconds, cpu, derived = solve_ticket(
                pace, from_half=True, timeout=max(remaining, 0.001)
            )
            if answer is None:
                self.stop_reason = (
                    f"the budget ran out while solving a level {pace['level']} ticket"
                )
                break
            self.solved(seconds, cpu, derived)
            status, reply, body = self.submit(kind, form, answer)
            filing = self.record(
                kind, form, status, reply, seconds, cpu, derived, "solved"
            )
            if kind == "tip" and status == 429 and "attempts" in filing["error"]:
                self.tips_allowed = False
            if kind == "e-service" and filing["accepted"]:
                self.replay(kind, form, body, f"level {pace['level']} ticket")
        self.free = free
        self.load.append(os.getloadavg()[0])

    def wait_seconds(self, pace: dict) -> float:
        from kcs_core import pacing

        return pacing.wait(pace["level"]) + 1

    def stale_body(self, stale: dict) -> dict:
        form = self.form("e-service")  # fresh answers, the stale ticket
        return {"answers": answers_for(form), "pace": stale}


# --- Residents ---------------------------------------------------------------------


def ticket_outcome(form: dict, seconds: float, derived: int, status: int) -> dict:
    """A filing's ticket (its level and work), its solve and the server's status."""
    return {
        "level": form["pace"]["level"],
        "work": form["pace"]["work"],
        "solve": seconds,
        "derivations": derived,
        "status": status,
    }


def file_as_resident(client: Client, form_url: str) -> tuple[dict, int, float, int]:
    """One resident's e-service request, its ticket solved from 0 as the widget does:
    ``(the form, the status, the solve's seconds, its key derivations)``."""
    _status, form = client.call("GET", form_url)
    answer, seconds, _cpu, derived = solve_ticket(form["pace"], from_half=False)
    body = request_body(answers_for(form), answer)
    status, _reply = client.call("POST", form["submit_url"], body)
    return form, status, seconds, derived


def residents(port: int, address: str, before: int, form_url: str) -> dict:
    """``before`` residents behind ``address`` file an e-service request each (their
    browsers solve the ticket from 0, as the widget does); then the one measured."""
    client = Client(port, address)
    for _resident in range(before):
        file_as_resident(client, form_url)
    form, status, seconds, derived = file_as_resident(client, form_url)
    return {"before": before, **ticket_outcome(form, seconds, derived, status)}


def resident_tips(port: int, attacker: Attacker) -> list[int]:
    """Tips filed one after another by residents behind one carrier address."""
    client = Client(port, TIP_CARRIER)
    statuses = []
    for _resident in range(RESIDENT_TIPS):
        _status, form = client.call("GET", attacker.tip_form_url)
        answer, *_spent = solve_ticket(form["pace"], from_half=False)
        answers = answers_for(form)
        answers.update(
            category="other",
            description="น้ำประปาไม่ไหลมาสามวัน",
            started=attacker.started,
            captcha={
                "key": form["captcha"]["key"],
                "answer": solve_captcha(client, form["captcha"])[0],
            },
        )
        answers.pop("website", None)
        status, _reply = client.call(
            "POST", form["submit_url"], {"answers": answers, "pace": answer}
        )
        statuses.append(status)
    return statuses


# --- Figures -----------------------------------------------------------------------


def per_hour(seconds_per_derivation: float, overhead: float, cpu: float = HOUR):
    """Filings in ``cpu`` seconds of solving, each ticket costing its mean work from
    work/2 (the attacker's start), plus ``overhead`` seconds of HTTP a filing."""
    from kcs_core import pacing

    spent, position = 0.0, 0
    while True:
        level = pacing.level_for(position + 1)
        cost = pacing.work(level) / 2 * seconds_per_derivation + overhead
        if spent + cost > cpu:
            return position, level, cost
        spent += cost
        position += 1


def matured_per_hour() -> int:
    """Filings an hour with no work at all: the free tickets mature together, each
    later one after its own doubled wait."""
    from kcs_core import pacing

    spent, position = float(pacing.base_wait()), pacing.free_filings()
    while True:
        wait = pacing.wait(pacing.level_for(position + 1))
        if spent + wait > HOUR:
            return position
        spent += wait
        position += 1


def duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def report(attacker: Attacker, carriers, tip_statuses, speedup, js, args) -> list[str]:
    from kcs_core import pacing

    filings = attacker.filings
    accepted = [f for f in filings if f["accepted"]]
    by_kind = {
        kind: sum(1 for f in accepted if f["kind"] == kind)
        for kind in ("tip", "e-service")
    }
    refused = [f for f in filings if not f["accepted"]]
    solved = [f for f in filings if f["how"] == "solved" and f["derivations"]]
    per_derivation = 1 / attacker.cpu_rate()
    wall_per_derivation = 1 / attacker.rate()
    overhead = attacker.client.request_seconds / max(len(filings), 1)
    one, next_level, next_cost = per_hour(per_derivation, overhead)
    # The counter range splits evenly between processes (altcha's counter_step).
    two, two_level, _cost = per_hour(per_derivation / 2, overhead)
    replays = sum(1 for r in attacker.replays if r["accepted"])
    audio = [s for s, how in attacker.captchas if how == "audio"]
    text = [s for s, how in attacker.captchas if how == "text"]
    captcha_way = (
        f"the sound, re-synthesised ({len(audio)} captchas, "
        f"{sum(audio) / len(audio):.1f} s each)"
        if audio
        else f"the spoken text ({len(text)} captchas)"
    )
    lines = [
        "## Scripted attacker against pace tickets (`bench/scripted_attacker.py`)",
        "",
        f"`.venv/bin/python -m bench.scripted_attacker --seconds {args.seconds:.0f}`: "
        "gunicorn (one worker) with the development settings on a fresh SQLite "
        "database with the demo content, pace settings at their production defaults "
        f"({pacing.free_filings()} free filings an hour, base work "
        f"{pacing.base_work()} key derivations of {pacing.iterations()} PBKDF2 "
        f"iterations, base wait {pacing.base_wait()} s). One client address on "
        "loopback; every request with rotating `X-Forwarded-For`, `X-Real-IP`, "
        "`Forwarded` and user agent. The attacker solves each ticket natively with "
        "the `altcha` library on one core, starting at half the advertised work; "
        f"reads the tip captcha from {captcha_way}; leaves the honeypot empty and "
        "reuses one fill-time token; files tips and e-service requests in turn "
        "over the JSON API, and replays every spent ticket.",
        "",
        *machine_summary()[:1],
        f"- Load average (1 min) at the start and end of the attack: "
        f"{attacker.load[0]:.1f}, {attacker.load[1]:.1f}; solve times below are "
        "wall seconds, the extrapolation uses CPU seconds.",
        "",
        "| what | measured |",
        "|---|---|",
        f"| filings accepted in {args.seconds:.0f} s | {len(accepted)} "
        f"({by_kind['tip']} tips, {by_kind['e-service']} e-service requests; the "
        f"first {attacker.free or len(accepted)} at level 0) |",
        f"| filings refused | {len(refused)}: "
        + (
            "; ".join(
                sorted({f"{f['kind']} {f['status']} “{f['error']}”" for f in refused})
            )
            or "none"
        )
        + " |",
        f"| why it stopped | {attacker.stop_reason} |",
        f"| replayed tickets accepted | {replays} of {len(attacker.replays)} "
        "(each spent ticket sent again, and a level-0 ticket solved at the start "
        "sent after the free filings) |",
        f"| rotating headers | no effect: levels offered "
        f"{'; '.join(attacker.probes) or 'not probed'} |",
        f"| native solve speed (one core) | {per_derivation * 1000:.2f} ms CPU a key "
        f"derivation ({wall_per_derivation * 1000:.2f} ms wall); two processes "
        f"measured {speedup:.2f}× as fast on this shared machine, 2× assumed below |",
        "| last tickets (wall / CPU) | "
        + ", ".join(
            f"level {f['level']}: {f['solve']:.1f} s / {f['cpu']:.1f} s"
            for f in solved[-4:]
        )
        + " |",
        f"| filings an hour per client, one core (extrapolated) | **{one}** "
        f"(the next, level {next_level}, would take {duration(next_cost)}) |",
        f"| filings an hour per client, two cores (extrapolated) | **{two}** "
        f"(next: level {two_level}) |",
        f"| filings an hour with no work, tickets left to mature | "
        f"{matured_per_hour()} |",
        "",
        "Extrapolated: the doubling followed until an hour of CPU, each ticket at "
        "its mean cost (half its work, from the attacker's start) plus the measured "
        f"HTTP time of a filing ({overhead * 1000:.0f} ms). Each doubling of the "
        "attacker's computing power adds about one filing an hour. The counters are "
        "per clock hour, so a burst straddling the hour can reach about twice the "
        "hourly figure.",
        "",
        "Per level (each filing's work level, its solve time, and whether the site "
        "took it):",
        "",
        "| level | filings | accepted | solve, each (wall s) |",
        "|---|---|---|---|",
        *level_rows(filings),
        "",
        "Residents behind one carrier address: N residents file an e-service request "
        "each, then the one measured fetches the form. Each solves from 0, as the "
        "widget does; Python on one core stands in for the phone. The phone column "
        "is the mean work at WebCrypto's speed "
        + (
            f"(Node on this machine: {js * 1000:.2f} ms of CPU a derivation, "
            f"{js / per_derivation:.1f}× Python's)"
            if js
            else "(Node not found: Python's speed)"
        )
        + f", times {PHONE_SLOWDOWN} for a low-end phone core (assumed, not "
        "measured), on one worker (the widget uses up to 16 where the phone has "
        "the cores). Without JavaScript the resident waits instead.",
        "",
        "| residents before | ticket level | work | this solve (Python) | "
        "mean (Python) | phone, estimated | no-JS wait | filed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    js_speed = js or per_derivation
    for carrier in carriers:
        mean = carrier["work"] * per_derivation
        on_phone = carrier["work"] * js_speed * PHONE_SLOWDOWN
        lines.append(
            f"| {carrier['before']} | {carrier['level']} | {carrier['work']} | "
            f"{carrier['solve']:.2f} s | {mean:.2f} s | ≈ {on_phone:.1f} s | "
            f"{pacing.wait(carrier['level'])} s | {carrier['status']} |"
        )
    tips_accepted = sum(1 for status in tip_statuses if status in (200, 201))
    first_refused = next(
        (n + 1 for n, s in enumerate(tip_statuses) if s not in (200, 201)), None
    )
    lines += [
        "",
        f"Tips from residents behind one carrier address, one after another: "
        f"{tips_accepted} of {len(tip_statuses)} filed"
        + (
            f"; the {first_refused}th and later got {tip_statuses[first_refused - 1]}."
            if first_refused
            else "."
        ),
    ]
    return lines


def level_rows(filings: list[dict]) -> list[str]:
    rows = []
    for level in sorted({f["level"] for f in filings}):
        at = [f for f in filings if f["level"] == level]
        solves = ", ".join(
            f"{f['solve']:.1f}" + (" (matured)" if f["how"] == "matured" else "")
            for f in at
        )
        accepted = sum(1 for f in at if f["accepted"])
        rows.append(f"| {level} | {len(at)} | {accepted} | {solves} s |")
    return rows


def wait_out_the_hour(seconds: float) -> None:
    """The counters are per clock hour: do not let the run straddle one."""
    left = HOUR - time.time() % HOUR
    needed = seconds + 120
    if left < needed:
        print(f"Waiting {left:.0f} s for the next hour, so the run stays within one.")
        time.sleep(left + 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="wall-clock budget")
    parser.add_argument(
        "--no-write", action="store_true", help="print, do not write the report"
    )
    parser.add_argument(
        "--records", type=Path, help="also write every filing and replay as JSON here"
    )
    args = parser.parse_args(argv)
    if not shutil.which("espeak-ng"):
        print("espeak-ng not found: the captcha sound cannot be re-synthesised.")
    with Site() as site:
        os.environ.update(site_env(site.folder))
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        wait_out_the_hour(args.seconds + 90)
        attacker = Attacker(site.port, args.seconds)
        attacker.run()
        print(f"Stopped: {attacker.stop_reason}", flush=True)
        carriers = [
            residents(site.port, address, before, attacker.service_form_url)
            for address, before in CARRIERS
        ]
        tip_statuses = resident_tips(site.port, attacker)
    speedup = parallel_speedup()
    js = webcrypto_seconds()
    lines = report(attacker, carriers, tip_statuses, speedup, js, args)
    print("\n".join(lines))
    if args.records:
        args.records.write_text(
            json.dumps(
                {
                    "filings": attacker.filings,
                    "replays": attacker.replays,
                    "carriers": carriers,
                    "resident_tips": tip_statuses,
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    if not args.no_write:
        write_section("bench:scripted-attacker", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
