// A headless front end for the kcs-wagtail JSON API, with no build step and no
// library: it lists the site's e-services and tip pages, builds the chosen form from
// its schema, and files it (JSON, or multipart when files are attached).
//
// Open index.html?api=https://your-site.go.th&lang=th (or lang=en). The site must
// list this page's origin in KCS_API_CORS_ORIGINS.
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  const api = (params.get("api") || window.location.origin).replace(/\/$/, "");
  const lang = params.get("lang") === "en" ? "en" : "th";
  const TEXT = {
    th: {
      heading: "แบบฟอร์มออนไลน์",
      picker: "เลือกแบบฟอร์ม",
      services: "บริการออนไลน์",
      tips: "แจ้งเบาะแสการทุจริต",
      send: "ส่ง",
      sending: "กำลังส่ง…",
      loading: "กำลังโหลด…",
      another: "ขอรหัสใหม่",
      captchaImage: "รูปรหัสความปลอดภัย",
      captchaAnswer: "พิมพ์ตัวเลขในรูป",
      done: "ส่งเรียบร้อยแล้ว",
      reference: "เลขที่คำร้อง",
      secret: "รหัสติดตาม (จดเก็บไว้ แสดงครั้งเดียว)",
      caseNumber: "เลขที่เรื่อง",
      receipt: "รหัสรับเรื่อง (จดเก็บไว้ แสดงครั้งเดียว)",
      failed: "ส่งไม่สำเร็จ",
      row: "แถว",
    },
    en: {
      heading: "Online forms",
      picker: "Choose a form",
      services: "E-services",
      tips: "Corruption tip-offs",
      send: "Send",
      sending: "Sending…",
      loading: "Loading…",
      another: "Show another code",
      captchaImage: "Security code image",
      captchaAnswer: "Type the digits in the image",
      done: "Sent",
      reference: "Reference number",
      secret: "Tracking code (write it down: shown once)",
      caseNumber: "Case number",
      receipt: "Receipt code (write it down: shown once)",
      failed: "Not sent",
      row: "Row",
    },
  }[lang];

  const $ = (id) => document.getElementById(id);
  const state = { schema: null, kind: null, key: null, captcha: null, url: null };

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  async function call(url, options) {
    const request = Object.assign({}, options);
    request.headers = Object.assign({ "Accept-Language": lang }, request.headers);
    const response = await fetch(url, request);
    return { status: response.status, body: await response.json() };
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
  }

  const label = (field) => (field.labels && field.labels[lang]) || field.label;
  const helpText = (field) => (field.help_texts && field.help_texts[lang]) || field.help_text;

  // --- Choosing a form -------------------------------------------------------------

  async function loadForms() {
    $("heading").textContent = TEXT.heading;
    $("picker-label").textContent = TEXT.picker;
    $("submit").textContent = TEXT.send;
    document.documentElement.lang = lang;
    const picker = $("form-picker");
    const [services, tips] = await Promise.all([
      call(`${api}/api/eservice/services/?locale=${lang}`),
      call(`${api}/api/tips/?locale=${lang}`),
    ]);
    [
      [TEXT.services, "eservice", services.body],
      [TEXT.tips, "tip", tips.body],
    ].forEach(([groupLabel, kind, items]) => {
      if (!Array.isArray(items) || !items.length) return;
      const group = element("optgroup", { label: groupLabel });
      items.forEach((item) =>
        group.appendChild(element("option", { value: `${kind} ${item.form_url}`, text: item.title }))
      );
      picker.appendChild(group);
    });
    picker.addEventListener("change", () => {
      const [kind, url] = picker.value.split(" ");
      if (url) loadForm(kind, url);
    });
  }

  async function loadForm(kind, url) {
    $("status").textContent = TEXT.loading;
    const { body } = await call(url);
    state.schema = body;
    state.kind = kind;
    state.key = newKey();
    state.captcha = body.captcha || null;
    state.url = url;
    $("form-title").textContent = body.title;
    $("notice").innerHTML = body.privacy_notice || body.intro || "";
    const fields = $("fields");
    fields.replaceChildren(...body.fields.map(buildField));
    $("form-errors").replaceChildren();
    $("form").hidden = false;
    $("result").hidden = true;
    $("status").textContent = "";
  }

  // --- Building inputs from the schema ----------------------------------------------

  function buildField(field) {
    const id = `field-${field.key}`;
    const errorId = `error-${field.key}`;
    const help = helpText(field);
    const describedBy = [help ? `help-${field.key}` : "", errorId].filter(Boolean).join(" ");
    const base = { id, name: field.key, required: field.required, "aria-describedby": describedBy };
    const wrapper = element("div", { class: "field", "data-key": field.key, "data-type": field.type });
    const helpNode = help ? element("p", { class: "help", id: `help-${field.key}`, text: help }) : null;
    const errorNode = element("p", { class: "error", id: errorId });
    const title = `${label(field)}${field.required ? " *" : ""}`;

    if (field.type === "hidden") {
      wrapper.appendChild(element("input", { type: "hidden", name: field.key, value: field.initial || "" }));
      return wrapper;
    }
    if (["radio", "checkboxes"].includes(field.type)) {
      const set = element("fieldset", { "aria-describedby": describedBy }, [element("legend", { text: title })]);
      if (helpNode) set.appendChild(helpNode);
      field.choices.forEach((choice, index) => {
        const input = element("input", {
          type: field.type === "radio" ? "radio" : "checkbox",
          name: field.key,
          value: choice.value,
          id: `${id}-${index}`,
        });
        set.appendChild(element("label", { class: "choice", for: `${id}-${index}` }, [input, document.createTextNode(choice.labels[lang] || choice.label)]));
      });
      set.appendChild(errorNode);
      wrapper.appendChild(set);
      return wrapper;
    }
    if (field.type === "checkbox") {
      const input = element("input", Object.assign({ type: "checkbox" }, base));
      wrapper.append(element("label", { class: "choice", for: id }, [input, document.createTextNode(title)]));
      if (helpNode) wrapper.appendChild(helpNode);
      wrapper.appendChild(errorNode);
      return wrapper;
    }
    wrapper.appendChild(element("label", { for: id, text: title }));
    if (helpNode) wrapper.appendChild(helpNode);
    let input;
    if (field.type === "textarea") {
      input = element("textarea", Object.assign({ rows: 4, maxlength: field.max_length }, base));
    } else if (field.type === "select" || field.type === "multiselect") {
      input = element("select", Object.assign({ multiple: field.type === "multiselect" }, base));
      if (field.type === "select") input.appendChild(element("option", { value: "", text: "—" }));
      field.choices.forEach((choice) => input.appendChild(element("option", { value: choice.value, text: choice.labels[lang] || choice.label })));
    } else if (field.type === "files") {
      input = element("input", Object.assign({ type: "file", multiple: field.multiple, accept: (field.accept || []).join(",") }, base));
    } else if (field.type === "rows") {
      input = buildRows(field, base);
    } else if (field.type === "captcha") {
      input = buildCaptcha(field, base);
    } else {
      const type = { datetime: "datetime-local" }[field.type] || field.type;
      input = element("input", Object.assign({ type, maxlength: field.max_length }, base));
    }
    if (field.initial !== null && field.initial !== undefined && "value" in input && field.type !== "files") {
      input.value = field.initial;
    }
    wrapper.appendChild(input);
    wrapper.appendChild(errorNode);
    return wrapper;
  }

  function buildRows(field, base) {
    const head = element("tr", {}, field.columns.map((column) => element("th", { scope: "col", text: column.labels[lang] || column.label })));
    const rows = [];
    for (let row = 0; row < field.rows; row += 1) {
      rows.push(
        element("tr", {}, field.columns.map((column) =>
          element("td", {}, [
            element("input", {
              type: column.numeric ? "number" : "text",
              "data-column": column.key,
              "aria-label": `${column.labels[lang] || column.label} ${TEXT.row} ${row + 1}`,
            }),
          ])
        ))
      );
    }
    const table = element("table", { id: base.id, "aria-describedby": base["aria-describedby"] }, [element("thead", {}, [head]), element("tbody", {}, rows)]);
    return element("div", { class: "rows" }, [table]);
  }

  function buildCaptcha(field, base) {
    const box = element("div", { class: "captcha" });
    const image = element("img", { alt: TEXT.captchaImage, width: 200, height: 60 });
    const refresh = element("button", { type: "button", class: "secondary", text: TEXT.another });
    const input = element("input", Object.assign({ type: "text", inputmode: "numeric", autocomplete: "off" }, base));
    const show = () => {
      image.src = state.captcha.image_url;
      input.value = "";
    };
    refresh.addEventListener("click", async () => {
      state.captcha = (await call(state.schema.captcha_url, { method: "POST" })).body;
      show();
    });
    show();
    box.append(image, refresh, input);
    return box;
  }

  // --- Reading the answers and filing -----------------------------------------------

  function answers() {
    const result = {};
    const files = [];
    document.querySelectorAll("#fields .field").forEach((wrapper) => {
      const key = wrapper.dataset.key;
      const type = wrapper.dataset.type;
      const inputs = wrapper.querySelectorAll(`[name="${key}"]`);
      if (type === "radio") {
        const checked = wrapper.querySelector(`[name="${key}"]:checked`);
        result[key] = checked ? checked.value : "";
      } else if (type === "checkboxes") {
        result[key] = Array.from(wrapper.querySelectorAll(`[name="${key}"]:checked`), (box) => box.value);
      } else if (type === "checkbox") {
        result[key] = inputs[0].checked;
      } else if (type === "multiselect") {
        result[key] = Array.from(inputs[0].selectedOptions, (option) => option.value);
      } else if (type === "files") {
        Array.from(inputs[0].files).forEach((file) => files.push([key, file]));
      } else if (type === "rows") {
        result[key] = Array.from(wrapper.querySelectorAll("tbody tr"))
          .map((row) => Object.fromEntries(Array.from(row.querySelectorAll("input"), (cell) => [cell.dataset.column, cell.value])))
          .filter((row) => Object.values(row).some((value) => value !== ""));
      } else if (type === "captcha") {
        result[key] = { key: state.captcha.key, answer: inputs[0].value };
      } else {
        result[key] = inputs[0].value;
      }
    });
    return { result, files };
  }

  function showErrors(body) {
    document.querySelectorAll("#fields .error").forEach((node) => (node.textContent = ""));
    const general = [];
    Object.entries(body.errors || {}).forEach(([key, messages]) => {
      const node = $(`error-${key}`);
      if (node) node.textContent = messages.join(" ");
      else general.push(...messages);
      const input = $(`field-${key}`);
      if (input) input.setAttribute("aria-invalid", "true");
    });
    const summary = [body.detail, ...general].filter(Boolean);
    $("form-errors").replaceChildren(...summary.map((message) => element("p", { class: "error", text: message })));
  }

  function showResult(pairs) {
    $("result-title").textContent = TEXT.done;
    $("result-list").replaceChildren(
      ...pairs.flatMap(([name, id, value]) => [element("dt", { text: name }), element("dd", { id, text: value })])
    );
    $("form").hidden = true;
    $("result").hidden = false;
    $("result").focus();
  }

  function untilMature(pace) {
    const wait = new Date(pace.matures_at).getTime() - Date.now();
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }

  async function submit(event) {
    event.preventDefault();
    $("status").textContent = TEXT.sending;
    const { result, files } = answers();
    const body = { answers: result };
    if (state.kind === "eservice") body.idempotency_key = state.key;
    if (state.schema.pace) {
      // The simplest client: no proof of work, so wait until the ticket matures
      // (a few seconds after the form was loaded; a person takes longer to fill it).
      await untilMature(state.schema.pace);
      body.pace = { ticket: state.schema.pace.ticket, solution: "" };
    }
    let options;
    if (files.length) {
      const data = new FormData();
      data.append("data", JSON.stringify(body));
      files.forEach(([key, file]) => data.append(key, file));
      options = { method: "POST", body: data };
    } else {
      options = { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
    }
    const response = await call(state.schema.submit_url, options);
    $("status").textContent = "";
    if (response.status === 200 || response.status === 201) {
      const answer = response.body;
      showResult(
        state.kind === "eservice"
          ? [[TEXT.reference, "result-reference", answer.reference], [TEXT.secret, "result-secret", answer.secret]]
          : [[TEXT.caseNumber, "result-case", answer.case_number], [TEXT.receipt, "result-receipt", answer.receipt_code]]
      );
      return;
    }
    showErrors(Object.assign({ detail: TEXT.failed }, response.body));
    if (state.schema.pace && (response.status === 429 || (response.body.errors || {}).pace)) {
      // A spent or outgrown ticket: the form's description brings a new one.
      state.schema.pace = (await call(state.url)).body.pace;
    }
    if (state.captcha) {
      // A challenge can be answered once, right or wrong: show a new one.
      state.captcha = (await call(state.schema.captcha_url, { method: "POST" })).body;
      document.querySelectorAll(".captcha img").forEach((image) => (image.src = state.captcha.image_url));
      document.querySelectorAll(".captcha input").forEach((input) => (input.value = ""));
    }
  }

  $("form").addEventListener("submit", submit);
  loadForms();
})();
