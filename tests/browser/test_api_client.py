"""The example headless client (examples/headless-client/) in a real browser, served
from another origin than the site: it builds the water request form and the tip form
from their schemas and files both through the JSON API of the production profile,
which allows that origin (KCS_API_CORS_ORIGINS) and nothing else."""

import re
import time
from urllib.parse import urlparse

from tests.browser.conftest import describe
from tests.browser.test_tips import MIN_FILL_SECONDS
from tests.eservice_forms.conftest import PRESET, WATER_ANSWERS

CAPTCHA_KEY = re.compile(r"[0-9a-f]{40}")


def fill(page, answers):
    """Type each answer into the input the client built for it."""
    for key, value in answers.items():
        inputs = page.locator(f'#fields [name="{key}"]')
        kind = inputs.first.evaluate("node => node.type")
        if kind == "select-one":
            inputs.first.select_option(value)
        elif kind == "radio":
            page.locator(f'#fields [name="{key}"][value="{value}"]').check()
        else:
            inputs.first.fill(value)


def test_the_example_client_files_a_request_and_a_tip(
    page, stack, example_origin, axe_violations
):
    assert urlparse(example_origin).netloc != urlparse(stack.url).netloc
    page.goto(f"{example_origin}/index.html?api={stack.url}")
    page.get_by_label("เลือกแบบฟอร์ม").select_option(label=PRESET["water"].title)
    page.wait_for_selector('#fields [name="first_name"]')
    assert page.get_by_label("ชื่อ *", exact=True).is_visible()  # Thai labels
    assert axe_violations(page) == [], describe(axe_violations(page))

    fill(page, {**WATER_ANSWERS, "phone": "12345"})
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#error-phone:not(:empty)")
    assert "หมายเลขโทรศัพท์" in page.locator("#error-phone").inner_text()
    assert page.locator('[name="first_name"]').input_value() == "สมศรี"  # kept
    page.locator('[name="phone"]').fill(WATER_ANSWERS["phone"])
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#result-reference")
    reference = page.locator("#result-reference").inner_text()
    assert stack.query(
        "SELECT 1 FROM eservice_forms_servicerequest WHERE reference = %s", reference
    )
    assert page.locator("#result-secret").inner_text()

    page.goto(f"{example_origin}/index.html?api={stack.url}")
    page.get_by_label("เลือกแบบฟอร์ม").select_option(label="แจ้งเบาะแสการทุจริต")
    page.wait_for_function("document.querySelector('.captcha img')?.naturalWidth > 0")
    page.locator('#fields [name="category"][value="bribery"]').check()
    page.locator('#fields [name="description"]').fill("เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    image = page.locator(".captcha img").get_attribute("src")
    answer = stack.captcha_answer(CAPTCHA_KEY.search(image).group())
    page.locator('#fields [name="captcha"]').fill(answer)
    time.sleep(MIN_FILL_SECONDS)
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#result-receipt")
    case_number = page.locator("#result-case").inner_text()
    assert stack.query("SELECT 1 FROM tips_tip WHERE case_number = %s", case_number)
    assert len(page.locator("#result-receipt").inner_text().replace("-", "")) == 20
