// A headless front end for the kcs-wagtail APIs, with no build step and no library.
//
// - Pages: index.html?api=https://your-site.go.th&path=/ita/2565/ (&lang=en) reads
//   the page at that path from the Wagtail API (/api/v2/pages/) and renders it: its
//   title, where it sits, its content by field, and links to its children. Links to
//   the site's pages stay in this client. Without a path it shows the home page.
// - Drafts: Wagtail's Preview opens index.html?content_type=…&token=… (the site's
//   KCS_HEADLESS_PREVIEW_URL), which renders the draft from /api/v2/page_preview/
//   under a banner. That address has no ?api=: the client reads the site it was
//   last opened with in this browser (localStorage).
// - Forms: it lists the site's e-services and tip pages, builds the chosen form from
//   its schema and files it (JSON, or multipart when files are attached).
//
// The site must list this page's origin in KCS_API_CORS_ORIGINS. HTML from the API
// (rich text written by the site's editors) is parsed in a <template>, without its
// scripts; nothing is loaded from anywhere but the site.
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  // A preview link made by adding "?content_type=…&token=…" to a front-end address
  // that already had "?api=…": the second "?" ends up inside the api parameter.
  if ((params.get("api") || "").includes("?")) {
    const [site, rest] = params.get("api").split("?");
    params.set("api", site);
    new URLSearchParams(rest).forEach((data, name) => params.set(name, data));
  }
  // The site to read: ?api=, else the last one this browser was given (Preview opens
  // this page without it), else the origin this page is served from.
  const REMEMBERED = "kcs-headless-client-api";
  let remembered = null;
  try {
    remembered = window.localStorage.getItem(REMEMBERED);
    if (params.get("api")) window.localStorage.setItem(REMEMBERED, params.get("api"));
  } catch (error) {
    // storage refused (private mode, a third-party frame): no memory, no harm
  }
  const api = (params.get("api") || remembered || window.location.origin).replace(/\/$/, "");
  const apiOrigin = new URL(api).origin;
  let lang = params.get("lang") === "en" ? "en" : "th";
  const TEXTS = {
    th: {
      heading: "แบบฟอร์มออนไลน์",
      formsIntro: "ตัวอย่างหน้าเว็บภายนอกที่สร้างแบบฟอร์มจาก JSON API ของ kcs-wagtail และส่งข้อมูลกลับไป",
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
      siteNav: "เมนูหลัก",
      home: "หน้าแรก",
      forms: "แบบฟอร์มออนไลน์",
      otherLanguage: "English",
      breadcrumbs: "ตำแหน่งของหน้านี้",
      children: "ในหมวดนี้",
      draft: "ฉบับร่าง (ตัวอย่างก่อนเผยแพร่)",
      draftNote: "หน้านี้ยังไม่เผยแพร่ ผู้ชมทั่วไปยังไม่เห็นเนื้อหานี้",
      notFound: "ไม่พบหน้านี้",
      notFoundDraft: "ไม่พบฉบับร่าง ลิงก์ตัวอย่างอาจหมดอายุแล้ว กด \"ดูตัวอย่าง\" ในระบบจัดการเว็บไซต์อีกครั้ง",
      unreachable: "ติดต่อเว็บไซต์ไม่ได้",
      fileService: "ยื่นคำร้องออนไลน์",
      fileTip: "แจ้งเบาะแสออนไลน์",
      noEvidence: "ยังไม่มีหลักฐาน",
      evidence: "หลักฐาน",
      published: "เผยแพร่",
      document: "เอกสาร",
      noDocuments: "ไม่ต้องใช้เอกสาร",
      noFee: "ไม่มีค่าธรรมเนียม",
      baht: "บาท",
      originals: "ฉบับจริง",
      copies: "สำเนา",
      copiesUnit: "ฉบับ",
      fiscalYear: "ปีงบประมาณ พ.ศ.",
      total: "รวม",
      withinDays: (days) => `ตอบรับเรื่องภายใน ${days} วัน`,
      yes: "ใช่",
      no: "ไม่ใช่",
      search: "ค้นหา",
      searchLabel: "คำค้น",
      results: "ผลการค้นหา",
      noResults: "ไม่พบหน้าที่ตรงกับคำค้น",
      more: "ข้อมูลอื่น",
      video: "วิดีโอ",
      units: { working_days: "วันทำการ", days: "วัน", hours: "ชั่วโมง", minutes: "นาที", weeks: "สัปดาห์", months: "เดือน" },
      fields: {
        assessment_year_number: "ปีที่ประเมิน",
        category: "หมวด",
        categories: "หมวด",
        acknowledge_within_days: "การตอบรับเรื่อง",
        items: "รายการข้อมูลที่ต้องเปิดเผย",
        fiscal_year: "ปีงบประมาณ",
        last_reviewed: "ตรวจทานล่าสุด",
        ita_codes: "ข้อ ITA",
        approval_record: "การอนุมัติให้เผยแพร่",
        issuing_unit: "ส่วนราชการ",
        announcement_number: "ที่",
        announcement_date: "วันที่",
        addressee: "เรียน",
        improvement_plans: "แผนการปรับปรุง",
        signer_name: "ผู้ลงนาม",
        signer_position: "ตำแหน่งผู้ลงนาม",
        signatures: "การลงนาม",
        signed_pdf: "ฉบับลงนาม",
        services_by_kind: "บริการ",
        kind: "ประเภท",
        responsible_division: "หน่วยงานที่รับผิดชอบ",
        processing_time: "ระยะเวลาดำเนินการ",
        legal_basis: "กฎหมายที่ให้อำนาจ",
        criteria: "หลักเกณฑ์ วิธีการ และเงื่อนไข",
        steps: "ขั้นตอนและระยะเวลา",
        documents: "เอกสารหลักฐานที่ต้องใช้",
        fees: "ค่าธรรมเนียม",
        paper_form: "แบบฟอร์มกระดาษ",
        retention_days: "ระยะเวลาเก็บข้อมูล (วัน)",
        current_figures: "สถิติ",
        statistics: "สถิติ",
        handlers: "ผู้รับเรื่อง",
        handler_changes: "การเปลี่ยนผู้รับเรื่อง",
        outside_channels: "ช่องทางแจ้งเบาะแสภายนอก",
        responsible_unit: "หน่วยงานที่รับผิดชอบ",
        time_frame: "กรอบเวลา",
        channel_page: "ช่องทางแจ้งเบาะแส",
        name: "ชื่อ",
        position: "ตำแหน่ง",
        label: "รายการ",
        count: "จำนวน",
        percent: "ร้อยละ",
        title: "ชื่อเรื่อง",
        url: "ลิงก์",
        changed_on: "วันที่",
        year: "ปีงบประมาณ",
        total: "รวม",
        average: "ค่าเฉลี่ย",
        per_month: "รายเดือน",
        per_service: "รายบริการ",
        per_status: "ตามสถานะ",
        timeliness: "ความตรงเวลา",
        ratings: "ระดับความพึงพอใจ",
        by_category: "ตามประเภท",
        by_status: "ตามสถานะ",
        by_month: "รายเดือน",
        workflow: "ขั้นตอนการอนุมัติ",
        requested_by: "ผู้ขออนุมัติ",
        requested_at: "ขออนุมัติเมื่อ",
        approved_at: "อนุมัติเมื่อ",
        task: "ขั้นตอน",
        finished_at: "เมื่อ",
        comment: "ความเห็น",
        responsible: "ผู้รับผิดชอบ",
        duration: "ระยะเวลา",
        finding: "ผลการประเมิน",
        monitoring: "การติดตามผล",
        date: "วันที่",
        current_register: "ทะเบียนของขวัญและประโยชน์อื่นใด",
        frozen_report: "รายงาน",
        reports: "รายงานของปีงบประมาณ",
        rows: "รายการจัดซื้อจัดจ้าง",
        project: "งานที่จัดซื้อหรือจัดจ้าง",
        budget: "วงเงิน (บาท)",
        winner: "ผู้ได้รับการคัดเลือก",
        winning_price: "ราคาที่ตกลง (บาท)",
        per_method: "ตามวิธีจัดซื้อจัดจ้าง",
        policy_page: "นโยบายไม่รับของขวัญ",
        value: "มูลค่า (บาท)",
        per_action: "ตามการดำเนินการ",
        records: "รายการที่ได้รับ",
        received_on: "วันที่ได้รับ",
        recipient: "ผู้รับ",
        recipient_position: "ตำแหน่งผู้รับ",
        description: "รายการ",
        giver: "ผู้ให้",
        occasion: "โอกาส",
        action: "การดำเนินการ",
        answer_within_days: "ตอบภายใน (วัน)",
        reply_within_days: "ตอบกลับภายใน (วัน)",
        answered_questions: "คำถามที่ตอบแล้ว",
        question: "คำถาม",
        answer: "คำตอบ",
        asked_at: "ถามเมื่อ",
        answered_at: "ตอบเมื่อ",
        report: "รายงาน",
        questions: "คำถามถึงหน่วยงาน",
        opinions: "ความคิดเห็นจากประชาชน",
        received: "ได้รับ",
        answered: "ตอบแล้ว",
        median_days_to_answer: "ครึ่งหนึ่งได้รับคำตอบภายใน (วัน)",
        per_topic: "ตามเรื่อง",
        per_status: "ตามสถานะ",
        outcomes: "ข้อเสนอแนะและผลการดำเนินการ",
        outcome: "ผลการดำเนินการ",
        circulation: "การแจ้งเวียนบุคลากร",
        sent: "แจ้งเวียน (คน)",
        acknowledged: "รับทราบแล้ว (คน)",
      },
    },
    en: {
      heading: "Online forms",
      formsIntro: "An outside web page that builds the forms from the JSON API of kcs-wagtail and files them.",
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
      siteNav: "Main menu",
      home: "Home",
      forms: "Online forms",
      otherLanguage: "ภาษาไทย",
      breadcrumbs: "Where this page is",
      children: "In this section",
      draft: "Draft preview",
      draftNote: "This page is not published: visitors do not see this yet.",
      notFound: "Page not found",
      notFoundDraft: "No draft for this link: it may have expired. Use Preview in the admin again.",
      unreachable: "The site cannot be reached",
      fileService: "Apply online",
      fileTip: "Report online",
      noEvidence: "No evidence yet",
      evidence: "Evidence",
      published: "published",
      document: "Document",
      noDocuments: "No documents needed",
      noFee: "No fee",
      baht: "baht",
      originals: "originals",
      copies: "copies",
      copiesUnit: "",
      fiscalYear: "Fiscal year",
      total: "Total",
      withinDays: (days) => `Tips are acknowledged within ${days} days`,
      yes: "Yes",
      no: "No",
      search: "Search",
      searchLabel: "Search for",
      results: "Results",
      noResults: "No page matches",
      more: "More details",
      video: "Video",
      units: { working_days: "working days", days: "days", hours: "hours", minutes: "minutes", weeks: "weeks", months: "months" },
      fields: {
        assessment_year_number: "Assessment year",
        category: "Category",
        categories: "Categories",
        acknowledge_within_days: "Acknowledgement",
        items: "Items to disclose",
        fiscal_year: "Fiscal year",
        last_reviewed: "Last reviewed",
        ita_codes: "ITA items",
        approval_record: "Approved for publication",
        issuing_unit: "Issued by",
        announcement_number: "No.",
        announcement_date: "Date",
        addressee: "To",
        improvement_plans: "Improvement plans",
        signer_name: "Signed by",
        signer_position: "Position",
        signatures: "Signatures",
        signed_pdf: "Signed copy",
        services_by_kind: "Services",
        kind: "Kind",
        responsible_division: "Responsible division",
        processing_time: "Processing time",
        legal_basis: "Legal basis",
        criteria: "Criteria and conditions",
        steps: "Steps and time",
        documents: "Documents needed",
        fees: "Fees",
        paper_form: "Paper form",
        retention_days: "Data kept for (days)",
        current_figures: "Figures",
        statistics: "Figures",
        handlers: "Who reads tips",
        handler_changes: "Changes of handlers",
        outside_channels: "Other channels",
        responsible_unit: "Responsible unit",
        time_frame: "Time frame",
        channel_page: "Where to report",
        name: "Name",
        position: "Position",
        label: "Item",
        count: "Count",
        percent: "Per cent",
        title: "Title",
        url: "Link",
        changed_on: "Date",
        year: "Fiscal year",
        total: "Total",
        average: "Average",
        per_month: "By month",
        per_service: "By service",
        per_status: "By status",
        timeliness: "Timeliness",
        ratings: "Ratings",
        by_category: "By category",
        by_status: "By status",
        by_month: "By month",
        workflow: "Workflow",
        requested_by: "Requested by",
        requested_at: "Requested at",
        approved_at: "Approved at",
        task: "Step",
        finished_at: "At",
        comment: "Comment",
        responsible: "Responsible",
        duration: "Time",
        finding: "Finding",
        monitoring: "Monitoring",
        date: "Date",
        current_register: "Register of gifts and benefits",
        frozen_report: "Report",
        reports: "Reports of the fiscal year",
        rows: "Purchases",
        project: "Work purchased or hired",
        budget: "Budget (baht)",
        winner: "Selected supplier",
        winning_price: "Agreed price (baht)",
        per_method: "By procurement method",
        policy_page: "No-gift policy",
        value: "Value (baht)",
        per_action: "By action",
        records: "Gifts received",
        received_on: "Received on",
        recipient: "Recipient",
        recipient_position: "Position",
        description: "Description",
        giver: "Given by",
        occasion: "Occasion",
        action: "Action",
        answer_within_days: "Answer within (days)",
        reply_within_days: "Reply within (days)",
        answered_questions: "Answered questions",
        question: "Question",
        answer: "Answer",
        asked_at: "Asked",
        answered_at: "Answered",
        report: "Report",
        questions: "Questions to the office",
        opinions: "Opinions from residents",
        received: "Received",
        answered: "Answered",
        median_days_to_answer: "Half answered within (days)",
        per_topic: "By topic",
        per_status: "By status",
        outcomes: "Suggestions and what was done",
        outcome: "What was done",
        circulation: "Circulated to staff",
        sent: "Circulated to",
        acknowledged: "Acknowledged",
      },
    },
  };
  let TEXT = TEXTS[lang];

  const $ = (id) => document.getElementById(id);
  const state = { schema: null, kind: null, key: null, captcha: null, url: null, formsOf: {} };

  function setLanguage(code) {
    lang = code === "en" ? "en" : "th";
    TEXT = TEXTS[lang];
    document.documentElement.lang = lang;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  async function call(url, options) {
    const request = Object.assign({}, options);
    request.headers = Object.assign({ "Accept-Language": lang }, request.headers);
    const response = await fetch(url, request);
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      body = {};
    }
    return { status: response.status, body };
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

  // --- Links and HTML from the site -------------------------------------------------

  const NOT_PAGES = /^\/(api|admin|documents|media|static|django-admin|sitemap)/;

  /** This client's address for a page of the site, or null for anything else. */
  function clientHref(target) {
    let url;
    try {
      url = new URL(target, api + "/");
    } catch (error) {
      return null;
    }
    if (url.origin !== apiOrigin || NOT_PAGES.test(url.pathname)) return null;
    let path = url.pathname;
    let pageLang = lang;
    if (path === "/en" || path.startsWith("/en/")) {
      pageLang = "en";
      path = path.slice(3) || "/";
    }
    return clientUrl({ path, lang: pageLang });
  }

  /** index.html?… keeping the site (api) it was opened with. */
  function clientUrl(options) {
    const query = new URLSearchParams();
    if (api !== window.location.origin) query.set("api", api);
    Object.entries(options).forEach(([name, value]) => {
      if (value !== null && value !== undefined && value !== "") query.set(name, value);
    });
    if (query.get("lang") === "th") query.delete("lang");
    return `?${query.toString()}`;
  }

  /** An absolute address on the site, for files and outside links. */
  function absolute(target) {
    try {
      return new URL(target, api + "/").href;
    } catch (error) {
      return "#";
    }
  }

  /** A link: in this client for the site's pages, to the site for its files. */
  function link(target, text) {
    const inside = clientHref(target);
    return element("a", { href: inside || absolute(target), text: text || target });
  }

  /** HTML the site's editors wrote, parsed in a template: no scripts, no inline
  event handlers or styles; the site's links stay in this client. */
  function html(markup) {
    const template = document.createElement("template");
    template.innerHTML = String(markup);
    const content = template.content;
    content.querySelectorAll("script, style, iframe, object, embed, link, meta, base").forEach((node) => node.remove());
    content.querySelectorAll("*").forEach((node) => {
      Array.from(node.attributes).forEach((attribute) => {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || name === "style") node.removeAttribute(attribute.name);
        if (["href", "src"].includes(name) && /^\s*javascript:/i.test(attribute.value)) node.removeAttribute(attribute.name);
      });
    });
    content.querySelectorAll("a[href]").forEach((anchor) => {
      const inside = clientHref(anchor.getAttribute("href"));
      anchor.setAttribute("href", inside || absolute(anchor.getAttribute("href")));
    });
    content.querySelectorAll("img[src]").forEach((image) => {
      image.setAttribute("src", absolute(image.getAttribute("src")));
      if (!image.hasAttribute("alt")) image.setAttribute("alt", "");
    });
    return content;
  }

  const isHtml = (value) => typeof value === "string" && /<\/?[a-z][\s\S]*>/i.test(value);

  // --- Rendering any value of a page ---------------------------------------------------

  const fieldLabel = (key) => TEXT.fields[key] || key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const isEmpty = (value) =>
    value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length) ||
    (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
  const isDate = (value) => value && typeof value === "object" && "text" in value && "year" in value;
  const isDocument = (value) => value && typeof value === "object" && "url" in value && ("file_extension" in value || "title" in value) && !("meta" in value);
  const isImage = (value) => value && typeof value === "object" && "url" in value && "width" in value && "height" in value;
  const isPage = (value) => value && typeof value === "object" && "meta" in value && "title" in value;
  const isStream = (value) => Array.isArray(value) && value.length && value.every((item) => item && typeof item === "object" && "type" in item && "value" in item);
  const isScalar = (value) => value === null || ["string", "number", "boolean"].includes(typeof value) || isDate(value);
  const isFlat = (item) => item && typeof item === "object" && !Array.isArray(item) && Object.values(item).every(isScalar);

  /** The text a date shows: its Buddhist-era text when the API gives one. */
  function dateText(object, key) {
    const be = object[`${key}_be`];
    return be && be.text ? be.text : object[key];
  }

  function pageLink(page) {
    const address = page.meta && page.meta.html_url;
    if (address) return link(address, page.title);
    return element("a", { href: clientUrl({ id: page.id, lang }), text: page.title });
  }

  function documentLink(file, label) {
    if (file && typeof file === "object") {
      if (file.url) {
        const extension = file.file_extension ? ` (${String(file.file_extension).toUpperCase()})` : "";
        return element("a", { href: absolute(file.url), text: `${label || file.title || TEXT.document}${extension}` });
      }
      return file.title ? element("span", { text: label || file.title }) : null;
    }
    if (typeof file === "number") {
      // Only an id: ask the documents endpoint for its address.
      const anchor = element("a", { text: label || `${TEXT.document} ${file}` });
      call(`${api}/api/v2/documents/${file}/`).then(({ status, body }) => {
        if (status !== 200) return;
        if (body.meta && body.meta.download_url) anchor.href = absolute(body.meta.download_url);
        if (!label && body.title) anchor.textContent = body.title;
      }).catch(() => {});
      return anchor;
    }
    return label ? element("span", { text: label }) : null;
  }

  /** An image rendition from the API ({url, full_url, width, height, alt}). */
  function picture(image) {
    return element("img", {
      src: absolute(image.full_url || image.url),
      width: image.width,
      height: image.height,
      alt: image.alt || "",
    });
  }

  /** Any value from the API, as something to read: strings as text (HTML through a
  template), lists as lists or tables, objects as term-description lists. */
  function value(data, key) {
    if (data === null || data === undefined || data === "") return null;
    if (typeof data === "boolean") return document.createTextNode(data ? TEXT.yes : TEXT.no);
    if (typeof data === "number") return document.createTextNode(String(data));
    if (typeof data === "string") {
      if (isHtml(data)) return element("div", { class: "rich" }, [html(data)]);
      if (/^https?:\/\//.test(data)) return link(data);
      return element("span", { class: data.includes("\n") ? "lines" : null, text: data });
    }
    if (Array.isArray(data)) {
      if (!data.length) return null;
      if (isStream(data)) return stream(data, key);
      if (data.every(isScalar)) return element("ul", {}, data.map((item) => element("li", {}, [value(isDate(item) ? item.text : item) || ""])));
      if (data.every(isFlat)) return table(data, key);
      return element("ul", {}, data.map((item) => element("li", {}, [value(item) || ""])));
    }
    if (isDate(data)) return document.createTextNode(data.text);
    if (isImage(data)) return picture(data);
    if (isPage(data)) return pageLink(data);
    if (isDocument(data)) return documentLink(data);
    return terms(data);
  }

  /** An object's fields as a <dl>, dates in the Buddhist era, empty ones left out. */
  function terms(object, keys) {
    const list = element("dl", { class: "terms" });
    (keys || Object.keys(object)).forEach((key) => {
      if (key === "id" || key === "meta" || (key.endsWith("_be") && key.slice(0, -3) in object)) return;
      const shown = `${key}_be` in object ? dateText(object, key) : object[key];
      if (isEmpty(shown)) return;
      const node = value(shown, key);
      if (node) list.append(element("dt", { text: fieldLabel(key) }), element("dd", {}, [node]));
    });
    return list.children.length ? list : null;
  }

  /** A list of flat objects as a table that scrolls sideways on a phone. */
  function table(rows, key) {
    let columns = [];
    rows.forEach((row) => Object.keys(row).forEach((column) => columns.includes(column) || columns.push(column)));
    columns = columns.filter((column) => {
      if (["id", "code"].includes(column)) return false;
      if (columns.includes(`${column}_label`)) return false; // a code shown by its label
      if (column.endsWith("_be") && columns.includes(column.slice(0, -3))) return false;
      // A column that repeats the label (month, rating) says nothing more.
      if (columns.includes("label") && ["month", "rating"].includes(column)) return false;
      const codes = rows.every((row) => row[column] === undefined || /^[a-z][a-z0-9_]*$/.test(String(row[column])));
      if (columns.includes("label") && column !== "label" && codes) return false; // the label says it
      return !(columns.includes("label") && column !== "label" && rows.every((row) => String(row[column]) === String(row.label)));
    });
    if (columns.includes("label")) columns = ["label"].concat(columns.filter((column) => column !== "label"));
    const heading = (column) => fieldLabel(column.endsWith("_label") && column !== "label" ? column.slice(0, -6) : column);
    const head = element("tr", {}, columns.map((column) => element("th", { scope: "col", text: heading(column) })));
    const body = rows.map((row) =>
      element("tr", {}, columns.map((column) => element("td", {}, [value(`${column}_be` in row ? dateText(row, column) : row[column], column) || ""])))
    );
    const caption = key ? fieldLabel(key) : "";
    return scroller(element("table", {}, [element("thead", {}, [head]), element("tbody", {}, body)]), caption);
  }

  function scroller(tableNode, caption) {
    return element("div", { class: "scroll", tabindex: 0, role: "region", "aria-label": caption || TEXT.more }, [tableNode]);
  }

  // StreamField blocks by type; any other type is shown by its value.
  const BLOCKS = {
    rich_text: (data) => value(data),
    paragraph: (data) => value(data),
    heading: (data) => element("h3", { text: typeof data === "string" ? data : data.text || "" }),
    documents: (data) => {
      const box = element("div", { class: "block-documents" });
      if (data.heading) box.append(element("h3", { text: data.heading }));
      const items = (data.documents || []).map((item) => {
        const file = item && typeof item === "object" && "document" in item ? item.document : item;
        const anchor = documentLink(file, item && item.label);
        return anchor ? element("li", {}, [anchor]) : null;
      }).filter(Boolean);
      if (items.length) box.append(element("ul", {}, items));
      return box;
    },
    document: (data) => {
      if (typeof data === "number" || isDocument(data)) return documentLink(data);
      const parts = [element("strong", { text: data.name || data.title || "" })];
      const amounts = [];
      if (data.originals) amounts.push(`${TEXT.originals} ${data.originals} ${TEXT.copiesUnit}`.trim());
      if (data.copies) amounts.push(`${TEXT.copies} ${data.copies} ${TEXT.copiesUnit}`.trim());
      if (amounts.length) parts.push(document.createTextNode(` (${amounts.join(", ")})`));
      if (data.issuer) parts.push(element("span", { class: "detail", text: data.issuer }));
      if (data.note) parts.push(element("span", { class: "detail", text: data.note }));
      return element("span", {}, parts);
    },
    fee: (data) => {
      const amount = data.amount_thb !== undefined && data.amount_thb !== null ? `: ${Number(data.amount_thb).toLocaleString(lang === "th" ? "th-TH" : "en-GB")} ${TEXT.baht}` : "";
      const parts = [document.createTextNode(`${data.item || ""}${amount}`)];
      if (data.note) parts.push(element("span", { class: "detail", text: data.note }));
      return element("span", {}, parts);
    },
    step: (data) => {
      const parts = [element("strong", { text: data.step_type || data.title || "" })];
      const description = data.detail || data.description;
      if (description) parts.push(value(description));
      const facts = {};
      if (data.duration !== null && data.duration !== undefined && data.duration !== "") {
        const unit = data.duration_unit_label || TEXT.units[data.duration_unit] || data.duration_unit || "";
        facts.duration = typeof data.duration === "number" ? `${data.duration} ${unit}`.trim() : data.duration;
      }
      facts.responsible = data.responsible_unit || data.responsible;
      if (data.note) facts.comment = data.note;
      const list = terms(facts);
      if (list) parts.push(list);
      return element("div", {}, parts);
    },
    table: (data) => {
      const header = data.header || (data.columns || []);
      const rows = data.rows || data.data || [];
      const head = header.length ? [element("thead", {}, [element("tr", {}, header.map((cell) => element("th", { scope: "col", text: String(cell ?? "") })))])] : [];
      const body = element("tbody", {}, rows.map((row) => element("tr", {}, (Array.isArray(row) ? row : Object.values(row)).map((cell) => element("td", {}, [value(cell) || ""])))));
      const nodes = data.caption ? [element("caption", { text: data.caption })] : [];
      return scroller(element("table", {}, [...nodes, ...head, body]), data.caption);
    },
    links: (data) => {
      const items = (Array.isArray(data) ? data : data.links || []).map((item) => {
        if (item.page && typeof item.page === "object") return element("li", {}, [pageLink(Object.assign({}, item.page, { title: item.title || item.page.title }))]);
        if (typeof item.page === "number") return element("li", {}, [element("a", { href: clientUrl({ id: item.page, lang }), text: item.title || String(item.page) })]);
        if (item.url) return element("li", {}, [link(item.url, item.title || item.url)]);
        return null;
      }).filter(Boolean);
      return element("ul", { class: "links" }, items);
    },
    embed: (data) => {
      // No third-party player is loaded: the embed is a link to it.
      const address = typeof data === "string" ? data : data && data.url;
      return address ? element("p", {}, [element("a", { href: address, text: (data && data.title) || `${TEXT.video}: ${address}` })]) : null;
    },
    plan: (data) => {
      const box = element("div", { class: "plan" });
      box.append(element("h3", { text: [data.tool, data.heading].filter(Boolean).join(": ") }));
      if (data.finding) box.append(element("p", { class: "lines", text: data.finding }));
      if (Array.isArray(data.rows) && data.rows.length) box.append(table(data.rows, "improvement_plans"));
      const rest = Object.assign({}, data);
      ["tool", "heading", "finding", "rows"].forEach((name) => delete rest[name]);
      const more = terms(rest);
      if (more) box.append(more);
      return box;
    },
    signature: (data) => terms(data, ["label", "name", "position", "date", "comment"].concat(Object.keys(data))
      .filter((name, index, all) => all.indexOf(name) === index)),
  };
  const LISTED = { step: "ol", document: "ul", fee: "ul", signature: "ul" };

  function stream(blocks, key) {
    const box = element("div", { class: "stream" });
    let list = null;
    blocks.forEach((block) => {
      const render = BLOCKS[block.type];
      let node = null;
      try {
        node = render ? render(block.value, block) : value(block.value, block.type);
      } catch (error) {
        node = value(block.value, block.type); // an unexpected shape: show it as data
      }
      if (!node) return;
      const tag = LISTED[block.type];
      if (tag) {
        if (!list || list.dataset.type !== block.type) {
          list = element(tag, { class: `blocks blocks-${block.type}`, "data-type": block.type });
          box.append(list);
        }
        list.append(element("li", {}, [node]));
      } else {
        list = null;
        box.append(element("div", { class: `block block-${block.type}` }, [node]));
      }
    });
    return box;
  }

  // --- Fields of the page types -------------------------------------------------------

  // Fields not shown as content: the page's own frame, and what the form builder uses.
  const HIDDEN = new Set([
    "id", "title", "meta", "intro", "form_fields", "thank_you_text", "catalog_verified", "no_documents", "no_fee",
    "processing_time_unit", "image_thumbnail", "show_on_notice_board",
  ]);
  // Fields shown without a heading of their own.
  const UNTITLED = new Set(["body", "privacy_notice", "summary", "image"]);

  const FACTS = {
    processing_time: (data, page) =>
      `${data} ${page.processing_time_unit_label || TEXT.units[page.processing_time_unit] || page.processing_time_unit || ""}`.trim(),
    kind: (data, page) => (state.formsOf[page.id] && state.formsOf[page.id].kind_label) || data,
    acknowledge_within_days: (data) => TEXT.withinDays(data),
  };

  const SECTIONS = {
    items: (items) => {
      const box = element("div", { class: "ita-items" });
      let group = null;
      items.forEach((item) => {
        const heading = [item.subindicator, item.subindicator_title].filter(Boolean).join(" ");
        if (!group || group.dataset.heading !== heading) {
          if (heading) box.append(element("h3", { text: heading }));
          group = element("ul", { class: "items", "data-heading": heading });
          box.append(group);
        }
        const evidence = (item.evidence || []).map((proof) => {
          const date = dateText(proof, "published_on");
          return element("li", {}, [
            link(proof.url, proof.title || proof.url),
            date ? element("span", { class: "detail", text: `${TEXT.published} ${date}` }) : "",
          ]);
        });
        group.append(element("li", { class: "item", "data-code": item.code }, [
          element("span", { class: "code", text: item.code || "" }),
          " ",
          element("span", { text: item.title || "" }),
          evidence.length ? element("ul", { "aria-label": `${TEXT.evidence} ${item.code || ""}`.trim() }, evidence) : element("p", { class: "detail", text: TEXT.noEvidence }),
        ]));
      });
      return box;
    },
    services_by_kind: (groups) => {
      const box = element("div");
      groups.forEach((group) => {
        box.append(element("h3", { text: group.kind_label || group.kind || "" }));
        box.append(element("ul", {}, (group.services || []).map((service) => {
          const unit = service.processing_time_unit_label || TEXT.units[service.processing_time_unit] || service.processing_time_unit || "";
          const time = service.processing_time ? ` · ${service.processing_time} ${unit}` : "";
          return element("li", {}, [link(service.url, service.title), element("span", { class: "detail", text: `${service.responsible_division || ""}${time}`.replace(/^ · /, "") })]);
        })));
      });
      return box;
    },
    categories: (categories) => (Array.isArray(categories) && categories.every((item) => item && item.label && item.url)
      ? element("ul", { class: "links" }, categories.map((category) => element("li", {}, [
        link(category.url, category.label),
        category.feed_url ? element("a", { class: "feed", href: absolute(category.feed_url), text: `RSS: ${category.label}` }) : "",
      ])))
      : value(categories, "categories")),
    current_figures: (figures) => figuresOf(figures),
    current_register: (figures) => figuresOf(figures),
    frozen_report: (figures) => figuresOf(figures),
    report: (figures) => figuresOf(figures),
    statistics: (figures) => figuresOf(figures),
    handlers: (people) => element("ul", {}, people.map((person) =>
      element("li", { text: typeof person === "string" ? person : [person.name, person.position].filter(Boolean).join(", ") })
    )),
    outside_channels: (channels) => element("ul", {}, channels.map((channel) =>
      element("li", {}, [channel.url ? link(channel.url, channel.name || channel.url) : document.createTextNode(channel.name || "")])
    )),
    documents: (data, page) => (isEmpty(data) ? (page.no_documents ? element("p", { text: TEXT.noDocuments }) : null) : value(data, "documents")),
    fees: (data, page) => (isEmpty(data) ? (page.no_fee ? element("p", { text: TEXT.noFee }) : null) : value(data, "fees")),
  };

  /** A year's figures: the year, its totals, then each breakdown under a heading. */
  function figuresOf(figures) {
    if (!figures || typeof figures !== "object" || Array.isArray(figures)) return value(figures);
    const box = element("div", { class: "figures" });
    const year = figures.year || figures.fiscal_year;
    if (year) box.append(element("p", { class: "year", text: `${TEXT.fiscalYear} ${year}` }));
    if (figures.total !== undefined) box.append(element("p", { class: "total", text: `${TEXT.total} ${figures.total}` }));
    const rest = Object.keys(figures).filter((key) => !["year", "fiscal_year", "total"].includes(key));
    const totals = terms(figures, rest.filter((key) => isScalar(figures[key])));
    if (totals) box.append(totals);
    rest.filter((key) => !isScalar(figures[key]) && !isEmpty(figures[key])).forEach((key) => {
      const node = value(figures[key], key);
      if (node) box.append(element("h3", { text: fieldLabel(key) }), node);
    });
    return box;
  }

  /** The page's content: its intro, its facts (short values) in a list, then a
  section per longer field, in the order the API gives them. */
  function content(page) {
    const nodes = [];
    if (page.intro) nodes.push(value(page.intro, "intro"));
    const lead = typeof page.summary === "string" && page.summary && !isHtml(page.summary);
    if (lead) nodes.push(element("p", { class: "lead", text: page.summary })); // a news item's summary
    const facts = element("dl", { class: "facts" });
    const sections = [];
    Object.keys(page).forEach((key) => {
      if (HIDDEN.has(key) || (key.endsWith("_be") && key.slice(0, -3) in page)) return;
      if (key === "summary" && lead) return;
      if (`${key}_label` in page) return; // a code shown by its label (category_label)
      if (key.endsWith("_label") && HIDDEN.has(key.slice(0, -6))) return;
      let name = key;
      if (key.endsWith("_label") && key.slice(0, -6) in page) name = key.slice(0, -6);
      const data = `${key}_be` in page ? dateText(page, key) : page[key];
      try {
        if (FACTS[key] && !isEmpty(data)) {
          facts.append(element("dt", { text: fieldLabel(name) }), element("dd", {}, [FACTS[key](data, page)]));
          return;
        }
        if (SECTIONS[key]) {
          if (isEmpty(data) && !["documents", "fees"].includes(key)) return; // these say "none"
          const node = SECTIONS[key](data, page);
          if (node) sections.push(section(name, node));
          return;
        }
        if (isEmpty(data)) return;
        const node = value(data, key);
        if (!node) return;
        if ((isScalar(data) && !isHtml(data)) || isPage(data) || isDocument(data)) {
          facts.append(element("dt", { text: fieldLabel(name) }), element("dd", {}, [node]));
        } else {
          sections.push(section(name, node));
        }
      } catch (error) {
        // A shape this client does not know: show it as plain data.
        sections.push(section(name, element("pre", { text: JSON.stringify(data, null, 1) })));
      }
    });
    if (facts.children.length) nodes.push(facts);
    return nodes.concat(sections);
  }

  function section(key, node) {
    const box = element("section", { class: `field field-${key}`, "data-field": key });
    if (!UNTITLED.has(key)) box.append(element("h2", { text: fieldLabel(key) }));
    box.append(node);
    return box;
  }

  // --- Finding the page, its place and its children -----------------------------------

  const PAGE_FIELDS = "fields=*&rich_text_format=html";

  /** The page of ?path= (in ?lang=), of ?id=, or the draft of ?content_type=&token=. */
  async function fetchPage() {
    if (params.get("token") && params.get("content_type")) {
      const query = new URLSearchParams({ content_type: params.get("content_type"), token: params.get("token") });
      return call(`${api}/api/v2/page_preview/?${query}&${PAGE_FIELDS}`);
    }
    if (params.get("id")) return call(`${api}/api/v2/pages/${encodeURIComponent(params.get("id"))}/?${PAGE_FIELDS}`);
    let path = params.get("path") || "/";
    if (!path.startsWith("/")) path = `/${path}`;
    if (path === "/en" || path.startsWith("/en/")) {
      setLanguage("en");
      path = path.slice(3) || "/";
    }
    const found = await call(`${api}/api/v2/pages/find/?html_path=${encodeURIComponent(path)}&${PAGE_FIELDS}`);
    if (found.status !== 200 || lang === found.body.meta.locale) return found;
    // The English page is the translation of the page at that path.
    const translations = await call(`${api}/api/v2/pages/?translation_of=${found.body.id}&locale=${lang}&fields=title`);
    const translation = translations.status === 200 && translations.body.items && translations.body.items[0];
    return translation ? call(`${api}/api/v2/pages/${translation.id}/?${PAGE_FIELDS}`) : found;
  }

  /** Every page of a listing (the API gives at most 20 at a time). */
  async function listAll(query) {
    const items = [];
    for (let offset = 0; offset < 200; offset += 20) {
      const { status, body } = await call(`${api}/api/v2/pages/?${query}&limit=20&offset=${offset}`);
      if (status !== 200 || !Array.isArray(body.items)) break;
      items.push(...body.items);
      if (items.length >= ((body.meta && body.meta.total_count) || 0) || !body.items.length) break;
    }
    return items;
  }

  async function showBreadcrumbs(page) {
    const parent = page.meta && page.meta.parent;
    if (!parent) return;
    const ancestors = (await listAll(`ancestor_of=${parent.id}&fields=title`)).concat([parent]);
    const crumbs = ancestors.map((ancestor) => element("li", {}, [pageLink(ancestor)]));
    crumbs.push(element("li", {}, [element("span", { "aria-current": "page", text: page.title })]));
    $("breadcrumbs").setAttribute("aria-label", TEXT.breadcrumbs);
    $("breadcrumbs").replaceChildren(element("ol", {}, crumbs));
    $("breadcrumbs").hidden = false;
  }

  async function showChildren(page) {
    if (!page.id) return; // a new page's draft has none yet
    const children = await listAll(`child_of=${page.id}&fields=title`);
    if (!children.length) return;
    $("children-title").textContent = TEXT.children;
    $("children-list").replaceChildren(...children.map((child) => element("li", {}, [pageLink(child)])));
    $("children").hidden = false;
  }

  /** The site's forms, by page id: the e-services' and the tip pages'. */
  async function formsOf(locale) {
    const [services, tips] = await Promise.all([
      call(`${api}/api/eservice/services/?locale=${locale}`).catch(() => ({ body: [] })),
      call(`${api}/api/tips/?locale=${locale}`).catch(() => ({ body: [] })),
    ]);
    const forms = {};
    [["eservice", services.body], ["tip", tips.body]].forEach(([kind, items]) => {
      if (Array.isArray(items)) items.forEach((item) => (forms[item.id] = Object.assign({}, item, { formKind: kind })));
    });
    return forms;
  }

  function formButton(page) {
    const form = state.formsOf[page.id];
    if (!form || !form.form_url) return null;
    const href = clientUrl({ view: "forms", kind: form.formKind, form: form.form_url, lang });
    return element("p", { class: "actions" }, [
      element("a", { class: "button", href, text: form.formKind === "tip" ? TEXT.fileTip : TEXT.fileService }),
    ]);
  }

  async function searchPanel() {
    const query = params.get("q") || "";
    const hidden = [["path", params.get("path") || "/search/"]];
    if (api !== window.location.origin) hidden.push(["api", api]);
    if (lang === "en") hidden.push(["lang", "en"]);
    const form = element("form", { role: "search", method: "get", action: "" }, [
      ...hidden.map(([name, data]) => element("input", { type: "hidden", name, value: data })),
      element("label", { for: "search-query", text: TEXT.searchLabel }),
      element("input", { type: "search", id: "search-query", name: "q", value: query }),
      element("button", { type: "submit", text: TEXT.search }),
    ]);
    const box = element("section", { class: "search", "aria-label": TEXT.search }, [form]);
    if (query) {
      const { body } = await call(`${api}/api/v2/pages/?search=${encodeURIComponent(query)}&locale=${lang}&fields=title&limit=20`);
      const items = (body && body.items) || [];
      box.append(element("h2", { text: TEXT.results }));
      box.append(items.length
        ? element("ul", { id: "search-results" }, items.map((item) => element("li", {}, [pageLink(item)])))
        : element("p", { text: TEXT.noResults }));
    }
    return box;
  }

  async function showPage() {
    try {
      return await renderPage();
    } finally {
      $("page").removeAttribute("aria-busy"); // rendered: what the browser tests wait for
    }
  }

  async function renderPage() {
    const preview = Boolean(params.get("token") && params.get("content_type"));
    let response;
    try {
      response = await fetchPage();
    } catch (error) {
      response = null;
    }
    if (!response || response.status !== 200 || !response.body || !response.body.meta) {
      const message = !response ? TEXT.unreachable : preview ? TEXT.notFoundDraft : TEXT.notFound;
      $("page-title").textContent = response ? TEXT.notFound : TEXT.unreachable;
      $("page-content").replaceChildren(element("p", { text: message }), element("p", {}, [element("a", { href: clientUrl({ lang }), text: TEXT.home })]));
      document.title = $("page-title").textContent;
      return null;
    }
    const page = response.body;
    setLanguage(page.meta.locale || lang);
    frame(preview, page);
    document.title = preview ? `${TEXT.draft}: ${page.title}` : page.title;
    $("page-title").textContent = page.title;
    $("page").dataset.type = page.meta.type || "";
    state.formsOf = await formsOf(page.meta.locale || lang);
    const nodes = content(page);
    const button = formButton(page);
    if (button) nodes.splice(page.intro ? 1 : 0, 0, button);
    if (page.meta.type === "kcs_core.SearchPage") nodes.push(await searchPanel());
    $("page-content").replaceChildren(...nodes.filter(Boolean));
    await Promise.all([showBreadcrumbs(page).catch(() => {}), showChildren(page).catch(() => {})]);
    return page;
  }

  /** The header's links and the draft banner, in the page's language. */
  function frame(preview, page) {
    const nav = $("site-nav");
    nav.setAttribute("aria-label", TEXT.siteNav);
    $("nav-home").textContent = TEXT.home;
    $("nav-home").href = clientUrl({ lang });
    $("nav-forms").textContent = TEXT.forms;
    $("nav-forms").href = clientUrl({ view: "forms", lang });
    const other = lang === "en" ? "th" : "en";
    const switcher = $("nav-language");
    switcher.textContent = TEXT.otherLanguage;
    switcher.lang = other;
    switcher.hreflang = other;
    let path = params.get("path");
    if (page && page.meta.html_url) {
      path = new URL(page.meta.html_url, api + "/").pathname;
      if (path === "/en" || path.startsWith("/en/")) path = path.slice(3) || "/";
    }
    if (path && (path === "/en" || path.startsWith("/en/"))) path = path.slice(3) || "/";
    switcher.href = clientUrl({ path: path === "/" ? null : path, view: params.get("view"), lang: other });
    switcher.parentNode.hidden = preview;
    $("draft-banner").hidden = !preview;
    $("draft-title").textContent = TEXT.draft;
    $("draft-note").textContent = TEXT.draftNote;
    $("forms").setAttribute("aria-label", TEXT.forms);
  }

  // --- Choosing a form -------------------------------------------------------------

  async function loadForms() {
    $("heading").textContent = TEXT.heading;
    $("intro").textContent = TEXT.formsIntro;
    $("picker-label").textContent = TEXT.picker;
    $("submit").textContent = TEXT.send;
    $("forms").hidden = false;
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
    // A page's "file online" button names its form: open it at once.
    const chosen = `${params.get("kind")} ${params.get("form")}`;
    if (params.get("form") && Array.from(picker.options).some((option) => option.value === chosen)) {
      picker.value = chosen;
      loadForm(params.get("kind"), params.get("form"));
    }
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
    $("notice").replaceChildren(html(body.privacy_notice || body.intro || ""));
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


  async function start() {
    setLanguage(lang);
    const preview = Boolean(params.get("token") && params.get("content_type"));
    $("form").addEventListener("submit", submit);
    frame(preview, null);
    if (params.get("view") === "forms") {
      $("page-title").textContent = TEXT.forms;
      document.title = TEXT.forms;
      $("page").removeAttribute("aria-busy");
      $("heading").hidden = true; // the page's h1 says it
      await loadForms();
      return;
    }
    const page = await showPage();
    // The home page also offers the forms, as the first version of this client did.
    const home = page ? !page.meta.parent : !params.get("path") && !params.get("id");
    if (!preview && home) await loadForms();
  }

  start();
})();
