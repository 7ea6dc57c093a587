"""E-service requests and tips filed through the JSON API at 1, 10 and 50 concurrent
clients, against gunicorn with two workers on PostgreSQL; every acknowledged
submission is then looked up in the database: lost and duplicated ones are counted."""

import datetime
import json
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.http_load import Servers
from kcs_core import pacing

# Where the API answers: gunicorn itself, set by run() (API calls are never cached).
SERVER = {"url": ""}
LEVELS = (1, 10, 50)
SUBMISSIONS = {1: 60, 10: 300, 50: 500}
# A month ahead: a day a resident asks for is never before the filing day.
SAMPLE_DAY = datetime.date.today() + datetime.timedelta(days=30)
SAMPLE_VALUES = {
    "email": "resident@example.com",
    "tel": "0812345678",
    "number": "1",
    "date": SAMPLE_DAY.isoformat(),
    "datetime": f"{SAMPLE_DAY.isoformat()}T09:00",
    "url": "https://example.com/",
}


def call(method: str, path: str, body: dict | None = None) -> tuple[int, dict | list]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - loopback only
        SERVER["url"] + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def sample_answer(field: dict):
    """A valid answer for one field of a form schema."""
    kind, choices = field["type"], field.get("choices") or []
    if kind in ("select", "radio"):
        return choices[0]["value"]
    if kind in ("checkboxes", "multiselect"):
        return [choices[0]["value"]]
    if kind == "checkbox":
        return True
    if kind == "hidden":
        return field.get("initial", "")
    if kind == "rows":
        return [{column["key"]: "1" for column in field["columns"]}]
    return SAMPLE_VALUES.get(kind, "ทดสอบ")


def answers_for(form: dict) -> dict:
    return {
        field["key"]: sample_answer(field)
        for field in form["fields"]
        if field["required"] or field["type"] == "hidden"
        if field["type"] != "files"
    }


def request_body(answers: dict, pace: dict) -> dict:
    """An e-service request's JSON body, with a new idempotency key."""
    return {"idempotency_key": str(uuid.uuid4()), "answers": answers, "pace": pace}


def solved_pace(form: dict) -> dict:
    """The form's pace ticket, solved as a program client does (the work is set
    small in ``bench.settings``: the server is measured, not the client)."""
    pace = form["pace"]
    return {"ticket": pace["ticket"], "solution": pacing.solve(pace["challenge"])}


def solved_tickets(service_id: int, count: int) -> list[dict]:
    """``count`` solved pace tickets of the service's form, fetched before the timed
    burst: the filing itself is measured, as a resident's phone fetches its form
    long before it sends it."""
    tickets = []
    for _n in range(count):
        _status, form = call("GET", f"/api/eservice/services/{service_id}/form/")
        tickets.append(solved_pace(form))
    return tickets


def file_eservice_request(
    service_id: int, answers: dict, pace: dict
) -> tuple[int, str]:
    body = request_body(answers, pace)
    status, reply = call("POST", f"/api/eservice/services/{service_id}/requests/", body)
    return status, reply.get("reference", "")


def file_tip(page_id: int) -> tuple[int, str]:
    status, form = call("GET", f"/api/tips/pages/{page_id}/form/")
    if status != 200:
        return status, ""
    answers = answers_for(form)
    answers.update(
        category="bribery",
        description="การทดสอบประสิทธิภาพของระบบ",
        captcha={"key": form["captcha"]["key"], "answer": "PASSED"},
    )
    status, reply = call(
        "POST",
        f"/api/tips/pages/{page_id}/tips/",
        {"answers": answers, "pace": solved_pace(form)},
    )
    return status, reply.get("case_number", "")


def burst(submit, clients: int, count: int) -> dict:
    """Run ``count`` submissions from ``clients`` threads; acknowledgements and time.
    ``submit`` takes the submission's index."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(submit, range(count)))
    seconds = time.perf_counter() - start
    acknowledged = [number for status, number in results if status in (200, 201)]
    return {
        "seconds": seconds,
        "acknowledged": acknowledged,
        "failed": Counter(status for status, _n in results if status not in (200, 201)),
    }


def stored_counts(model, field: str, numbers: list[str]) -> Counter:
    return Counter(
        model.objects.filter(**{f"{field}__in": numbers}).values_list(field, flat=True)
    )


def run(pages) -> list[str]:
    from eservice_forms.models import ServiceRequest
    from tips.models import Tip

    lines = [
        "## Submissions (`bench/submissions.py`)",
        "",
        "Through the JSON API (the same validation and storage as the HTML forms), "
        "gunicorn with 2 workers on PostgreSQL, clients as threads on loopback. Lost = "
        "acknowledged but not in the database; duplicated = a number stored or "
        "acknowledged twice. Every submission carries its own pace ticket, solved at "
        "a tiny work setting: e-service tickets are fetched before the timed burst "
        "(the filing is measured), each tip fetches its form (a fresh captcha and "
        "ticket) inside it. "
        "The task worker is not running, so the staff e-mails stay queued.",
        "",
        "| kind | clients | submissions | per second | failed | lost | duplicated |",
        "|---|---|---|---|---|---|---|",
    ]
    concurrent_rates = []
    with Servers(workers=2) as servers:
        SERVER["url"] = servers.app_url("")
        _status, services = call("GET", "/api/eservice/services/?locale=th")
        water = next(s for s in services if "น้ำ" in s["title"])
        _status, form = call("GET", f"/api/eservice/services/{water['id']}/form/")
        answers = answers_for(form)
        _status, tip_pages = call("GET", "/api/tips/")
        tip_page = next(p["id"] for p in tip_pages if p["locale"] == "th")

        def eservice_burst(clients: int) -> dict:
            tickets = solved_tickets(water["id"], SUBMISSIONS[clients])
            return burst(
                lambda n: file_eservice_request(water["id"], answers, tickets[n]),
                clients,
                SUBMISSIONS[clients],
            )

        def tip_burst(clients: int) -> dict:
            return burst(lambda _n: file_tip(tip_page), clients, SUBMISSIONS[clients])

        kinds = [
            ("e-service", eservice_burst, ServiceRequest, "reference"),
            ("tip", tip_burst, Tip, "case_number"),
        ]
        for kind, run_burst, model, field in kinds:
            for clients in LEVELS:
                result = run_burst(clients)
                numbers = result["acknowledged"]
                stored = stored_counts(model, field, numbers)
                lost = sum(1 for number in set(numbers) if number not in stored)
                duplicated = sum(n - 1 for n in Counter(numbers).values() if n > 1)
                duplicated += sum(n - 1 for n in stored.values() if n > 1)
                failed = sum(result["failed"].values())
                rate = len(numbers) / result["seconds"]
                if kind == "e-service" and clients > 1:
                    concurrent_rates.append(rate)
                lines.append(
                    f"| {kind} | {clients} | {SUBMISSIONS[clients]} | {rate:.0f} | "
                    f"{failed} | {lost} | {duplicated} |"
                )
    slowest = min(concurrent_rates)
    lines += [
        "",
        "Target: at least 100 e-service submissions per second with two workers, "
        f"under concurrent load: lowest {slowest:.0f}/s at 10 and 50 clients "
        f"({'met' if slowest >= 100 else 'NOT met'}). One client waits for each answer "
        "before sending the next, so its rate is one over the round trip.",
    ]
    return lines
