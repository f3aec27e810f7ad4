// Densho: small progressive enhancements. Every page works without this file, except uploading.
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const csrf = () => (document.querySelector("main") || {}).dataset?.csrf || "";
  const clock = (s) => { s = Math.max(0, s); const m = Math.floor(s / 60); const r = s - m * 60;
    return m + ":" + (r < 10 ? "0" : "") + (Math.round(r * 10) / 10).toFixed(r % 1 ? 1 : 0); };

  document.addEventListener("DOMContentLoaded", () => {
    $$("select[data-autosubmit]").forEach((s) => s.addEventListener("change", () => s.form.submit()));
    $$(".js-print").forEach((b) => b.addEventListener("click", () => window.print()));
    setUpGrid();
    setUpPlayer();
    setUpUpload();
    setUpStatus();
    setUpEditor();
    setUpWatch();
    setUpWorkbookImport();
    setUpOnboarding();
    setUpSearch();
  });

  // ---- The header's search box: suggestions as one types, reachable by the arrow keys ----
  function setUpSearch() {
    const input = $("#site-search-q"), list = $("#site-search-list");
    if (!input || !list) return;
    let timer = null, asked = 0;
    const close = () => { list.hidden = true; list.replaceChildren(); };
    const links = () => $$("a", list);
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(async () => {
        const ticket = ++asked;
        try {
          const r = await fetch("/search/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
          if (!r.ok || ticket !== asked) return;
          const { hits } = await r.json();
          if (ticket !== asked) return;
          list.replaceChildren(...hits.map((h) => {
            const li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
            a.href = h.href;
            kind.className = "tag"; kind.textContent = h.kind;
            a.append(kind, " ");
            h.title.forEach((p) => {
              if (p.match) { const m = document.createElement("mark"); m.textContent = p.text; a.append(m); } else a.append(p.text);
            });
            if (h.at) { const s = document.createElement("small"); s.textContent = " " + h.at; a.append(s); }
            li.append(a);
            return li;
          }));
          list.hidden = hits.length === 0;
        } catch (e) { /* the form still submits to the results page */ }
      }, 150);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
      if (e.key === "Escape") close();
    });
    list.addEventListener("keydown", (e) => {
      const all = links(), at = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && at < all.length - 1) { e.preventDefault(); all[at + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
      if (e.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", (e) => { if (!e.target.closest(".site-search")) close(); });
  }

  // ---- 力量表: a click on a cell of an open row opens that cell (history, evaluation) ----
  function setUpGrid() {
    const grid = $("table.grid");
    if (!grid) return;
    const skills = $$("thead th[data-s]", grid).map((th) => th.dataset.s);
    grid.addEventListener("click", (e) => {
      const td = e.target.closest("td");
      const tr = td && td.parentElement;
      if (!tr || !tr.classList.contains("open")) return;
      const skill = skills[td.cellIndex - 1];
      if (skill) location.href = "/skillmap/cell?employee=" + tr.dataset.e + "&skill=" + skill;
    });
  }

  // ---- player: chapters, steps, #t=, storyboard preview on scrubbing ----
  function setUpPlayer() {
    const video = $("#video");
    if (!video) return;
    const seek = (t) => { video.currentTime = t; video.play().catch(() => {}); };
    $$(".seek[data-time]").forEach((b) => b.addEventListener("click", () => seek(parseFloat(b.dataset.time))));
    const m = location.hash.match(/t=(\d+(\.\d+)?)/);
    if (m) video.addEventListener("loadedmetadata", () => seek(parseFloat(m[1])), { once: true });
    const vtt = video.dataset.storyboard;
    const preview = $(".preview");
    if (!vtt || !preview) return;
    fetch(vtt, { credentials: "same-origin" }).then((r) => r.text()).then((text) => {
      const cues = [];
      const re = /(\d+):(\d+):(\d+\.\d+) --> (\d+):(\d+):(\d+\.\d+)\s+(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)/g;
      let c;
      while ((c = re.exec(text))) {
        cues.push({ start: +c[1] * 3600 + +c[2] * 60 + +c[3], end: +c[4] * 3600 + +c[5] * 60 + +c[6],
          src: new URL(c[7], new URL(vtt, location.href)).href, x: +c[8], y: +c[9], w: +c[10], h: +c[11] });
      }
      video.addEventListener("mousemove", (e) => {
        const rect = video.getBoundingClientRect();
        if (!video.duration || e.clientY < rect.bottom - 48) { preview.hidden = true; return; }
        const t = ((e.clientX - rect.left) / rect.width) * video.duration;
        const cue = cues.find((q) => t >= q.start && t < q.end);
        if (!cue) { preview.hidden = true; return; }
        preview.hidden = false;
        Object.assign(preview.style, { width: cue.w + "px", height: cue.h + "px", backgroundImage: `url("${cue.src}")`,
          backgroundPosition: `-${cue.x}px -${cue.y}px`, left: Math.min(rect.width - cue.w, Math.max(0, e.clientX - rect.left - cue.w / 2)) + "px" });
        preview.dataset.time = clock(t);
      });
      video.addEventListener("mouseleave", () => { preview.hidden = true; });
    });
  }

  // ---- resumable upload (tus 1.0) ----
  function setUpUpload() {
    const form = $("form.js-upload");
    if (!form) return;
    const bar = $("progress", form), status = $(".upload-status", form);
    const chunk = 4 * 1024 * 1024;
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const file = $("#file").files[0];
      if (!file) return;
      if (file.size > +form.dataset.max) { status.textContent = "ファイルが大きすぎます。"; return; }
      const key = "densho-upload:" + [file.name, file.size, file.lastModified].join(":");
      const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
      const headers = { "Tus-Resumable": "1.0.0", "X-CSRF-Token": csrf() };
      bar.hidden = false;
      status.textContent = "送信中…";
      let url = localStorage.getItem(key), offset = 0;
      if (url) {
        const head = await fetch(url, { method: "HEAD", headers, credentials: "same-origin" }).catch(() => null);
        if (head && head.ok) offset = +head.headers.get("Upload-Offset"); else url = null;
      }
      if (!url) {
        const meta = ["filename " + b64(file.name), "title " + b64($("#upload-title").value), "tags " + b64($("#upload-tags").value)].join(",");
        const res = await fetch("/uploads", { method: "POST", credentials: "same-origin",
          headers: Object.assign({ "Upload-Length": String(file.size), "Upload-Metadata": meta }, headers) });
        if (!res.ok) { status.textContent = await problem(res); return; }
        url = res.headers.get("Location");
        localStorage.setItem(key, url);
      }
      let failures = 0;
      while (offset < file.size) {
        try {
          const res = await fetch(url, { method: "PATCH", credentials: "same-origin", body: file.slice(offset, offset + chunk),
            headers: Object.assign({ "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(offset) }, headers) });
          if (res.status === 409) {
            // Another request is writing it (a second tab) or the offset moved: wait, then resume where the server is.
            offset = +(res.headers.get("Upload-Offset") || offset);
            await new Promise((r) => setTimeout(r, 1000));
            continue;
          }
          if (!res.ok) { status.textContent = await problem(res); return; }
          offset = +res.headers.get("Upload-Offset");
          failures = 0;
          bar.value = (offset / file.size) * 100;
          status.textContent = Math.floor(bar.value) + "%";
          const clip = res.headers.get("Densho-Clip");
          if (clip) { localStorage.removeItem(key); location.href = "/clips/" + clip; return; }
        } catch (err) {
          // Dropped connection: ask the server how far it got, then continue from there.
          failures += 1;
          status.textContent = "接続が切れました。再開します…（" + failures + "）";
          await new Promise((r) => setTimeout(r, Math.min(30000, 1000 * 2 ** failures)));
          const head = await fetch(url, { method: "HEAD", headers, credentials: "same-origin" }).catch(() => null);
          if (head && head.ok) offset = +head.headers.get("Upload-Offset");
        }
      }
    });
  }

  async function problem(res) {
    try { const p = await res.json(); return p.detail || res.statusText; } catch { return res.status + " " + res.statusText; }
  }

  // ---- live processing status ----
  function setUpStatus() {
    const boxes = $$(".js-status[data-clip]").concat($$(".clipcard[data-status=uploaded], .clipcard[data-status=processing]"));
    if (!boxes.length) return;
    const tick = async () => {
      for (const box of boxes) {
        const res = await fetch("/clips/" + box.dataset.clip + "/status", { credentials: "same-origin" }).catch(() => null);
        if (!res || !res.ok) continue;
        const s = await res.json();
        const bar = $("progress", box), pct = $(".pct", box), label = $(".status", box);
        if (bar) bar.value = s.progress * 100;
        if (pct) pct.textContent = Math.round(s.progress * 100) + "%";
        if (label) label.textContent = s.label;
        if (s.status === "ready" || s.status === "failed") { location.reload(); return; }
      }
      setTimeout(tick, 2000);
    };
    setTimeout(tick, 1000);
  }

  // ---- manual editor ----
  // Watch records: the ranges this page actually played (a jump starts a new range, so seeking
  // to the end adds only what plays there), sent every few seconds and when the page goes away.
  // Each beacon carries everything so far: a lost one costs nothing, the next repeats it.
  function setUpWatch() {
    const video = $("#video");
    if (!video || !video.dataset.watchClip) return;
    const session = (self.crypto && crypto.randomUUID) ? crypto.randomUUID()
      : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
    const done = []; let cur = null; let sent = "";
    const close = () => { if (cur && cur[1] - cur[0] > 0.05) done.push(cur); cur = null; };
    video.addEventListener("timeupdate", () => {
      if (video.seeking) return;
      const t = video.currentTime;
      if (cur && t >= cur[1] - 0.01 && t - cur[1] < 1.5) cur[1] = t;
      else if (!video.paused) { close(); cur = [t, t]; }
    });
    video.addEventListener("seeking", close);
    const ranges = () => done.concat(cur ? [cur] : []).filter((r) => r[1] > r[0])
      .map((r) => r[0].toFixed(2) + "-" + r[1].toFixed(2)).join(",");
    const body = () => new URLSearchParams({ _csrf: csrf(), clip: video.dataset.watchClip,
      manual: video.dataset.watchManual || "", session: session, ranges: ranges() });
    const percent = $(".js-watch-percent"), bar = $("#watch-progress"), ack = $(".js-ack");
    let started = false;
    const send = async () => {
      const now = ranges();
      // The first call (on play) opens the session on the server, so its clock starts then.
      if (now === sent && started) return;
      started = true;
      try {
        const res = await fetch("/watch", { method: "POST", body: body(), credentials: "same-origin", keepalive: true });
        if (!res.ok) return;
        sent = now;
        if (ack && video.duration) refresh();
      } catch (e) { /* offline: the next beacon repeats everything */ }
    };
    // The server decides; the page only mirrors how far the steps are covered.
    const refresh = () => {
      const steps = $$(".seek[data-time]").map((b) => parseFloat(b.dataset.time));
      const all = done.concat(cur ? [cur] : []);
      const covered = (a, b) => all.reduce((s, r) => s + Math.max(0, Math.min(r[1], b) - Math.max(r[0], a)), 0);
      const windows = steps.length ? steps.map((s, i) => [s, i + 1 < steps.length ? steps[i + 1] : video.duration]) : [[0, video.duration]];
      const total = windows.reduce((s, w) => s + Math.max(0, w[1] - w[0]), 0);
      const share = total ? windows.reduce((s, w) => s + covered(w[0], w[1]), 0) / total : 0;
      const shown = Math.max(parseInt(bar ? bar.value : 0, 10) || 0, Math.round(share * 100));
      if (bar) bar.value = shown;
      if (percent) percent.textContent = shown + "%";
      if (ack && windows.every((w) => w[1] - w[0] <= 0 || covered(w[0], w[1]) / (w[1] - w[0]) >= 0.9)) ack.disabled = false;
    };
    video.addEventListener("play", send, { once: true });
    // The end of a step or of the clip: sent at once, so 読了確認 is ready without waiting.
    video.addEventListener("pause", send);
    video.addEventListener("ended", () => { close(); send(); });
    setInterval(send, 5000);
    const last = () => { close(); if (ranges() !== sent) navigator.sendBeacon("/watch", body()); };
    addEventListener("pagehide", last);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") last(); });
  }

  function setUpEditor() {
    const body = $(".js-steps");
    const video = $("#video");
    // 「ここから」「ここまで」: the step starts or ends where the video is now (double-clicking the field works too).
    const fillNow = (input) => input.addEventListener("dblclick", () => { if (video) input.value = clock(video.currentTime); });
    const here = (button) => button.addEventListener("click", () => {
      const field = $("input[name=" + button.dataset.target + "]", button.closest("tr"));
      if (video && field) { field.value = clock(video.currentTime); field.focus(); }
    });
    $$(".js-now, .js-time").forEach(fillNow);
    $$(".js-here").forEach(here);
    const add = $(".js-add-step");
    if (!body || !add) return;
    add.addEventListener("click", () => {
      const row = body.lastElementChild.cloneNode(true);
      $$("input, textarea", row).forEach((f) => { f.value = ""; });
      body.appendChild(row);
      $$(".js-time", row).forEach(fillNow);
      $$(".js-here", row).forEach(here);
      const start = $("input[name=start]", row);
      if (video && start) start.value = clock(video.currentTime);
    });
  }

  // ---- 力量表 from Excel: send the file to see the changes, then again to record them ----
  function setUpWorkbookImport() {
    const box = $("#xlsx-import");
    if (!box) return;
    const t = box.dataset, input = $("#xlsx-file"), status = $("#xlsx-status"), problems = $("#xlsx-problems");
    const table = $("#xlsx-changes"), body = $("tbody", table), apply = $("#xlsx-apply");
    const send = async (file, write) => {
      status.textContent = t.tChecking;
      problems.replaceChildren();
      apply.hidden = true;
      const response = await fetch("/skillmap/import" + (write ? "?apply=1" : ""), {
        method: "POST", credentials: "same-origin", body: file,
        headers: { "X-CSRF-Token": csrf(), "X-File-Name": encodeURIComponent(file.name),
                   "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
      const answer = await response.json().catch(() => ({ problems: [response.status + " " + response.statusText] }));
      if (!response.ok) {
        status.textContent = t.tProblems;
        table.hidden = true;
        (answer.problems || []).forEach((p) => { const li = document.createElement("li"); li.textContent = p; problems.append(li); });
        return;
      }
      body.replaceChildren(...answer.changes.map((c) => {
        const tr = document.createElement("tr");
        [c.cell, c.number + " " + c.name, c.skill, c.from, c.to].forEach((v) => {
          const td = document.createElement("td"); td.textContent = v; tr.append(td); });
        return tr;
      }));
      table.hidden = answer.changes.length === 0;
      // Rows skipped unread, counted per sheet (a sheet is a department): 「研削 8, 組立 7」.
      const perSheet = new Map();
      (answer.skipped || []).forEach((cell) => { const sheet = cell.split("!")[0]; perSheet.set(sheet, (perSheet.get(sheet) || 0) + 1); });
      perSheet.size && problems.append(Object.assign(document.createElement("li"), {
        className: "muted", textContent: t.tSkipped + ": " + [...perSheet].map(([sheet, n]) => sheet + " " + n).join(", ") }));
      if (answer.applied) {
        const n = (v) => Number(v || 0).toLocaleString("en-US");
        status.textContent = t.tDone + ": " + t.tCounts.replace("{new}", n(answer.inserted))
          .replace("{changed}", n(answer.updated)).replace("{unchanged}", n(answer.unchanged));
        input.value = "";
      } else {
        status.textContent = answer.changes.length ? t.tChanges + ": " + answer.changes.length : t.tNone;
        apply.hidden = answer.changes.length === 0;
      }
    };
    input.addEventListener("change", () => {
      const file = input.files[0];
      if (!file) return;
      if (file.size > +t.maxMb * 1024 * 1024) { status.textContent = "ファイルが大きすぎます。 / The file is too large."; return; }
      send(file, false).catch((e) => { status.textContent = String(e); });
    });
    apply.addEventListener("click", () => {
      const file = input.files[0];
      if (file) send(file, true).catch((e) => { status.textContent = String(e); });
    });
  }

  // ---- the company's own Excel 力量表: send the file; the later steps are plain forms ----
  function setUpOnboarding() {
    const form = $("#onboarding-upload");
    if (form) {
      const t = form.dataset, input = $("#onboarding-file"), status = $("#onboarding-status"), problems = $("#onboarding-upload-problems");
      const button = $("#onboarding-send");
      const show = (lines) => {
        status.textContent = t.tCannot;
        problems.replaceChildren(...lines.map((p) => Object.assign(document.createElement("li"), { textContent: p })));
      };
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const file = input.files[0];
        if (!file) return;
        problems.replaceChildren();
        if (file.size > +t.maxMb * 1024 * 1024) { show([t.tTooLarge]); return; }
        status.textContent = t.tSending;
        button.disabled = true;
        try {
          // The server answers 303 to the plan page, which fetch follows: go there.
          const response = await fetch("/onboarding/skillmap", {
            method: "POST", credentials: "same-origin", body: file,
            headers: { "X-CSRF-Token": csrf(), "X-File-Name": encodeURIComponent(file.name),
                       "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
          if (response.ok && response.redirected) { location.href = response.url; return; }
          const answer = await response.json().catch(() => ({ problems: [response.status + " " + response.statusText] }));
          show(answer.problems || []);
        } catch (err) {
          show([String(err)]);
        }
        button.disabled = false;
      });
    }
    // A changed choice is not what the preview shows: import only after previewing it.
    const decisions = $("#onboarding-decisions"), commit = $("#onboarding-commit-form");
    if (decisions && commit) {
      const note = $(".onboarding-dirty", commit);
      decisions.addEventListener("change", () => {
        $("#onboarding-commit").disabled = true;
        note.textContent = commit.dataset.tDirty;
        note.hidden = false;
      });
    }
  }
})();
