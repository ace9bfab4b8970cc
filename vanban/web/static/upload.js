// Nộp báo cáo: files, a folder, or a drop (folders walked) are sent in one POST; then the job page.
(function () {
  const form = document.getElementById("upload");
  const drop = document.getElementById("drop");
  const csrf = form.querySelector("input[name=csrf]").value;

  function send(files) {
    if (!files.length) return;
    const data = new FormData();
    for (const f of files) data.append("files", f, f.relativePath || f.webkitRelativePath || f.name);
    const xhr = new XMLHttpRequest();
    document.getElementById("sending").hidden = false;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) document.getElementById("sent").textContent = Math.round(100 * e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status < 400) { location.href = xhr.responseURL; return; }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.open("POST", "/upload");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.send(data);
  }

  function readAll(reader) {                    // a directory reader gives its entries in batches
    return new Promise((resolve) => {
      const out = [];
      const next = () => reader.readEntries((batch) => {
        if (!batch.length) { resolve(out); return; }
        out.push(...batch); next();
      }, () => resolve(out));
      next();
    });
  }

  async function walk(entry, prefix, out) {
    if (entry.name.startsWith(".")) return;
    if (entry.isFile) {
      const file = await new Promise((ok, ko) => entry.file(ok, ko));
      file.relativePath = prefix + file.name;
      out.push(file);
    } else if (entry.isDirectory) {
      for (const child of await readAll(entry.createReader())) await walk(child, prefix + entry.name + "/", out);
    }
  }

  for (const id of ["files", "folder"]) {
    document.getElementById(id).addEventListener("change", (e) => send(Array.from(e.target.files)));
  }
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const entries = Array.from(e.dataTransfer.items).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry());
    if (entries.every(Boolean)) {
      const files = [];
      for (const entry of entries) await walk(entry, "", files);
      send(files);
    } else {
      send(Array.from(e.dataTransfer.files));
    }
  });
})();
