// FaceFlash control room: draws the overlay from the session's state, lists events and markers, sends the controls.
// Everything it needs comes from the FaceFlash process that served it.
"use strict";
const $ = (id) => document.getElementById(id);
const overlay = $("overlay"), ctx = overlay.getContext("2d");
const timeline = $("timeline"), tctx = timeline.getContext("2d");
const spans = [];          // events and markers on the timeline, in stream ms
let latest = null, shown = 0, counts = { micro: 0, macro: 0, marker: 0 }, bannerTimer = 0, drawPending = false;
const latencies = [];      // grab → shown here, ms (meaningful when the browser runs on the FaceFlash machine's clock)
const viewer = Math.random().toString(36).slice(2, 10), unreported = [];
const WARM_UP_MS = 2000;
let firstShown = null;
const TIMELINE_MS = 30000;

const state = new EventSource("state");
state.addEventListener("frame", (m) => {
  latest = JSON.parse(m.data); shown++;
  // Drawn at most once per display refresh, whatever the stream's rate: a viewer on a slow machine draws the newest
  // state and skips the rest, and spends no CPU on states nobody could see.
  if (!drawPending) { drawPending = true; requestAnimationFrame(draw); }
  const latency = Date.now() - latest.grabbed_unix_ms;
  if (latency < 0) return;   // this browser's clock is not FaceFlash's (another machine, or a virtual clock)
  firstShown ??= Date.now();
  if (Date.now() - firstShown < WARM_UP_MS) return;   // the browser's own start-up (compiling, first layout) is not the stream's latency
  latencies.push(latency);
  unreported.push(latency);
  if (latencies.length > 600) latencies.shift();
});
state.addEventListener("expression", (m) => addEvent(JSON.parse(m.data)));
state.addEventListener("marker", (m) => addMarker(JSON.parse(m.data)));
state.addEventListener("end", () => { $("hud").textContent += " · session ended"; state.close(); });

function draw() {
  drawPending = false;
  const f = latest;
  $("frames-shown").textContent = shown;
  if (latencies.length > 0) {
    const sorted = [...latencies].sort((a, b) => a - b), at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    $("latency-p50").textContent = at(0.5); $("latency-p99").textContent = at(0.99);
  }
  $("hud").textContent = `frame ${f.frame} · ${(f.timestamp_ms / 1000).toFixed(2)} s · ${f.fps} fps · dropped ${f.dropped} · faces ${f.faces.length}`
    + ` · latency p50 ${$("latency-p50").textContent} ms, p99 ${$("latency-p99").textContent} ms`;
  if (overlay.width !== f.width || overlay.height !== f.height) { overlay.width = f.width; overlay.height = f.height; } // resizing reallocates
  ctx.clearRect(0, 0, f.width, f.height);
  if ($("show-overlay").checked) for (const face of f.faces) drawFace(face);
  drawAus(f.faces);
  drawTimeline(f.timestamp_ms);
}

function drawFace(face) {
  const [x, y, w, h] = face.box;
  ctx.strokeStyle = "#f1c40f"; ctx.lineWidth = 2; ctx.strokeRect(x, y, w, h);
  ctx.fillStyle = "#f1c40f"; ctx.font = "14px sans-serif";
  ctx.fillText(`face ${face.id} · ${face.confidence.toFixed(2)}${face.forming_levels ? " · levels forming" : ""}`, x, Math.max(14, y - 4));
  ctx.fillStyle = "#2ecc71";
  for (let i = 0; i < face.points.length; i += 2) ctx.fillRect(face.points[i] - 1, face.points[i + 1] - 1, 2, 2);
}

const auRows = new Map();   // "face id:AU" → its row's bar and value, made once and updated in place
let auLayout;               // the faces and AUs the rows were made for; null while "no face" is shown
// One block of bars per face in view, ordered by id (so a face keeps its place while others come and go), headed by
// the face's id while several are in view (two participants facing one camera).
function drawAus(faces) {
  const box = $("aus");
  if (faces.length === 0) { if (auLayout !== null) { auLayout = null; auRows.clear(); box.textContent = "no face"; } return; }
  const sorted = [...faces].sort((a, b) => a.id - b.id);
  const layout = sorted.map((face) => `${face.id}:${Object.keys(face.aus).join()}`).join(";");
  if (layout !== auLayout) {
    auLayout = layout; box.innerHTML = ""; auRows.clear();
    for (const face of sorted) {
      if (sorted.length > 1) {
        const head = document.createElement("h4");
        head.className = "face"; head.textContent = `face ${face.id}`;
        box.appendChild(head);
      }
      for (const au of Object.keys(face.aus)) {
        const row = document.createElement("div");
        row.innerHTML = `<span>${au}</span><span class="bar"><span></span></span><span></span>`;
        auRows.set(`${face.id}:${au}`, { bar: row.children[1].firstChild, value: row.children[2] });
        box.appendChild(row);
      }
    }
  }
  for (const face of sorted)
    for (const [au, value] of Object.entries(face.aus)) {
      const row = auRows.get(`${face.id}:${au}`);
      row.bar.style.width = `${Math.min(100, value * 20)}%`;
      row.value.textContent = value.toFixed(2);
    }
}

function drawTimeline(nowMs) {
  const w = timeline.clientWidth, h = timeline.clientHeight;
  if (timeline.width !== w || timeline.height !== h) { timeline.width = w; timeline.height = h; }
  const x = (ms) => w - (nowMs - ms) / TIMELINE_MS * w;
  tctx.clearRect(0, 0, w, h);
  tctx.strokeStyle = "#555"; tctx.fillStyle = "#999"; tctx.font = "11px sans-serif";
  for (let s = Math.ceil((nowMs - TIMELINE_MS) / 5000) * 5; s * 1000 <= nowMs; s += 5) {   // a tick every 5 s
    const px = x(s * 1000);
    tctx.beginPath(); tctx.moveTo(px, h - 14); tctx.lineTo(px, h - 8); tctx.stroke();
    tctx.fillText(`${s} s`, px + 2, h - 2);
  }
  for (const s of spans) {
    if (s.offset < nowMs - TIMELINE_MS) continue;
    tctx.fillStyle = s.kind === "micro" ? "#f39c12" : s.kind === "macro" ? "#3498db" : "#2ecc71";
    const left = x(s.onset), right = Math.max(x(s.offset), left + 2);
    tctx.fillRect(left, s.kind === "marker" ? 6 : 24, right - left, s.kind === "marker" ? 60 : 40);
  }
}

function addEvent(e) {
  counts[e.kind]++;
  const several = latest !== null && latest.faces.length > 1;   // the face is named while several are in view
  spans.push({ kind: e.kind, onset: e.onset_ms, offset: e.offset_ms });
  const li = document.createElement("li");
  li.className = e.kind;
  li.innerHTML = `<b>${e.kind.toUpperCase()}</b> ${e.emotion} · ${e.aus} · ${(e.onset_ms / 1000).toFixed(2)} s · ${Math.round(e.offset_ms - e.onset_ms)} ms · ${e.confidence}${e.truncated ? " · truncated" : ""}${several ? ` · face ${e.face_id}` : ""}<br>`
    + (e.onset_picture ? `<img alt="onset" src="picture/${e.index}/onset">` : "") + (e.apex_picture ? `<img alt="apex" src="picture/${e.index}/apex">` : "");
  $("events").prepend(li);
  showCounts();
  const banner = $("banner");
  banner.textContent = `${e.kind.toUpperCase()} – ${e.emotion} – ${e.aus} – ${Math.round(e.offset_ms - e.onset_ms)} ms${several ? ` – face ${e.face_id}` : ""}`;
  banner.style.display = "block";
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => banner.style.display = "none", 1500);
}

function addMarker(m) {
  counts.marker++;
  spans.push({ kind: "marker", onset: m.timestamp_ms, offset: m.timestamp_ms });
  const li = document.createElement("li");
  li.className = "marker";
  li.textContent = `MARK ${m.label || ""} · frame ${m.frame} · ${(m.timestamp_ms / 1000).toFixed(2)} s`;
  $("events").prepend(li);
  showCounts();
}

function showCounts() { $("counts").textContent = `${counts.micro} micro · ${counts.macro} macro · ${counts.marker} markers`; }

const post = (path, body) => fetch(path, { method: "POST", body });
// Tell the session how quickly frames reach this viewer (it writes them to <session>.viewers.json).
setInterval(() => {
  if (unreported.length === 0) return;
  fetch("shown", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ viewer, latenciesMs: unreported.splice(0) }) });
}, 1000);
$("mark").onclick = () => { const form = new FormData(); form.append("label", $("label").value); post("mark", form); $("label").value = ""; };
$("rebaseline").onclick = () => post("rebaseline");
$("pause").onclick = () => post("pause");
$("record").onclick = () => post("record");
