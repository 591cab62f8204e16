// transclean review page: draws the article from /api/a/N and sends the editor's decisions.
// Everything from the article goes into text nodes (textContent), never into HTML.
"use strict";

(() => {
  const token = document.querySelector('meta[name="transclean-token"]').content;
  const index = document.querySelector('meta[name="transclean-article"]').content;
  const api = `/api/a/${index}`;
  const $ = (id) => document.getElementById(id);
  const RANK = { info: 0, warning: 1, error: 2 };
  const ACTION_TEXT = { accept: "accepted", reject: "rejected", replace: "replaced" };

  let view = null;   // the last article view from the server
  let current = -1;  // index of the flag shown in the panel
  let marks = new Map();  // flag id -> elements that show it

  async function call(path, body) {
    const options = { headers: { [ "X-Transclean-Token" ]: token } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    document.body.dataset.state = "busy";
    try {
      const response = await fetch(path, options);
      const data = await response.json().catch(() => ({ error: response.statusText }));
      if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
      return data;
    } finally {
      document.body.dataset.state = "ready";
    }
  }

  function status(text, isError) {
    const box = $("status");
    box.textContent = text;
    box.className = isError ? "error" : "";
  }

  function render(data) {
    view = data;
    const article = $("article");
    article.lang = data.language === "und" ? "" : data.language;
    article.replaceChildren();
    marks = new Map();
    const severity = new Map(data.flags.map((f) => [f.id, f.severity]));
    const decided = new Set(data.flags.filter((f) => f.decision).map((f) => f.id));
    for (const piece of data.pieces) {
      if (piece.k === "text" && piece.f.length === 0) {
        article.append(document.createTextNode(piece.t));
        continue;
      }
      const tag = { del: "del", ins: "ins", point: "span", text: "mark" }[piece.k];
      const el = document.createElement(tag);
      el.textContent = piece.k === "point" ? "\u2038" : piece.t;
      if (piece.k === "point") el.classList.add("point");
      if (piece.f.length) {
        const worst = piece.f.map((id) => severity.get(id) || "info")
          .sort((a, b) => RANK[b] - RANK[a])[0];
        el.classList.add("flag", `sev-${worst}`);
        if (piece.f.every((id) => decided.has(id))) el.classList.add("decided");
        el.dataset.flags = piece.f.join(" ");
        el.addEventListener("click", () => selectFrom(piece.f));
        for (const id of piece.f) {
          if (!marks.has(id)) marks.set(id, []);
          marks.get(id).push(el);
        }
      }
      article.append(el);
    }
    $("progress").textContent =
      `${data.decided} of ${data.flags.length} flags decided, ${data.open} open`;
    const notes = $("notes");
    notes.replaceChildren();
    for (const note of data.notes) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = note;
      notes.append(p);
    }
    for (const stale of data.stale) {
      const p = document.createElement("p");
      p.className = "note stale";
      p.textContent = `Stale decision ${stale.flag_id}: ${stale.action} on ${stale.rule} ` +
        `"${stale.text}" (the flag is gone; not applied)`;
      notes.append(p);
    }
  }

  function selectFrom(ids) {
    // Clicking shared words cycles through the flags on them.
    const at = ids.indexOf(view.flags[current] && view.flags[current].id);
    const next = ids[(at + 1) % ids.length];
    select(view.flags.findIndex((f) => f.id === next));
  }

  function select(i) {
    if (!view || view.flags.length === 0) {
      $("position").textContent = "No flags: nothing to review.";
      $("panel").dataset.flagId = "";
      for (const id of ["accept", "reject", "ignore", "undo", "replace", "prev", "next"]) {
        $(id).disabled = true;
      }
      return;
    }
    current = Math.max(0, Math.min(i, view.flags.length - 1));
    const flag = view.flags[current];
    for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
    const shown = marks.get(flag.id) || [];
    for (const el of shown) el.classList.add("current");
    if (shown.length) shown[0].scrollIntoView({ block: "center" });
    const panel = $("panel");
    panel.dataset.flagId = flag.id;
    $("position").textContent =
      `Flag ${current + 1} of ${view.flags.length} · line ${flag.line}, column ${flag.column} · ${flag.id}`;
    $("rule").textContent = `${flag.severity} · ${flag.rule}`;
    $("message").textContent = flag.message;
    $("flagged").textContent = flag.text;
    $("proposed").textContent = flag.proposed === null ? "(none)"
      : flag.proposed === "" ? "(delete it)" : flag.proposed;
    $("accept").disabled = flag.proposed === null;
    $("undo").disabled = !flag.decision;
    let decision = "open";
    if (flag.decision) {
      decision = ACTION_TEXT[flag.decision.action];
      if (flag.decision.action === "replace") decision += ` with "${flag.decision.replacement}"`;
    } else if (flag.applied) {
      decision = "open (the safe fix is applied unless you reject it)";
    }
    $("decision").textContent = decision;
    const field = $("replacement");
    field.value = flag.decision && flag.decision.action === "replace"
      ? flag.decision.replacement : (flag.proposed || flag.text);
  }

  function nextOpen(from) {
    const n = view.flags.length;
    for (let step = 1; step <= n; step++) {
      const i = (from + step) % n;
      if (!view.flags[i].decision) return i;
    }
    return from;
  }

  async function decide(action, text) {
    if (!view || current < 0 || view.flags.length === 0) return;
    const flag = view.flags[current];
    const body = { flag_id: flag.id, action };
    if (text !== undefined) body.text = text;
    try {
      render(await call(`${api}/decide`, body));
      const label = { undo: "decision undone", ignore: "added to the ignore list" }[action]
        || ACTION_TEXT[action];
      status(`Saved: ${flag.id} ${label}`);
      const here = view.flags.findIndex((f) => f.id === flag.id);
      select(action === "undo" ? here : nextOpen(here));
    } catch (error) {
      status(`Not saved: ${error.message}`, true);
    }
  }

  async function finish() {
    try {
      const data = await call(`${api}/finish`, {});
      render(data);
      select(current);
      status(`Finished: wrote ${data.finished.paths.join(", ")}`);
    } catch (error) {
      status(`Not written: ${error.message}`, true);
    }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLInputElement) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const actions = {
      j: () => select(current + 1), n: () => select(current + 1),
      k: () => select(current - 1), p: () => select(current - 1),
      a: () => decide("accept"), r: () => decide("reject"),
      i: () => decide("ignore"), u: () => decide("undo"),
      e: () => { $("replacement").focus(); $("replacement").select(); },
    };
    const act = actions[event.key];
    if (act) {
      event.preventDefault();
      act();
    }
  }

  async function start() {
    $("accept").addEventListener("click", () => decide("accept"));
    $("reject").addEventListener("click", () => decide("reject"));
    $("ignore").addEventListener("click", () => decide("ignore"));
    $("undo").addEventListener("click", () => decide("undo"));
    $("prev").addEventListener("click", () => select(current - 1));
    $("next").addEventListener("click", () => select(current + 1));
    $("finish").addEventListener("click", finish);
    $("replace-form").addEventListener("submit", (event) => {
      event.preventDefault();
      $("replacement").blur();
      decide("replace", $("replacement").value);
    });
    document.addEventListener("keydown", onKey);
    try {
      render(await call(api));
      select(view.flags.findIndex((f) => !f.decision));
      document.body.dataset.loaded = "yes";
    } catch (error) {
      status(`Cannot load the article: ${error.message}`, true);
    }
  }

  start();
})();
