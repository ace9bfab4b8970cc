// Tiến độ nạp: poll the job until it is done; each file's outcome and reason as they come.
(function () {
  const box = document.getElementById("job");
  const states = { queued: "đang chờ", running: "đang nạp", done: "đã xong", failed: "bị lỗi" };
  function cell(text) { const td = document.createElement("td"); td.textContent = text || ""; return td; }
  async function poll() {
    const r = await fetch(box.dataset.url, { cache: "no-store" });
    if (!r.ok) return;
    const job = await r.json();
    document.getElementById("bar").value = job.done;
    document.getElementById("done").textContent = job.done;
    const state = document.getElementById("state");
    state.textContent = states[job.state] || job.state;
    state.dataset.state = job.state;
    document.getElementById("message").textContent = job.message || "";
    const body = document.getElementById("files");
    body.replaceChildren(...job.files.map((f) => {
      const tr = document.createElement("tr");
      tr.className = f.outcome;
      tr.append(cell(f.name), cell(f.label), cell(f.reason));
      return tr;
    }));
    if (job.state !== "done" && job.state !== "failed") setTimeout(poll, 700);
  }
  if (!["done", "failed"].includes(document.getElementById("state").dataset.state)) setTimeout(poll, 300);
})();
