// The page's behaviour in plain JavaScript: ask, follow up, upload, reset. No build step, no CDN.
(function () {
  "use strict";
  const answers = document.getElementById("answers");
  const askForm = document.getElementById("ask-form");
  const input = document.getElementById("question");
  const askButton = document.getElementById("ask-button");

  function errorText(response, fallback) {
    return response.json().then((body) => body.error || fallback, () => fallback);
  }

  function pendingTurn(question) {
    const li = document.createElement("li");
    li.className = "turn pending";
    const q = document.createElement("p");
    q.className = "question";
    q.textContent = question;               // text, never HTML: the question is the user's
    const a = document.createElement("article");
    a.className = "answer";
    a.textContent = "Thinking…";
    li.append(q, a);
    answers.append(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  async function ask(question) {
    question = question.trim();
    if (!question) return;
    if (/^\/?reset$/i.test(question)) { await reset(); return; }
    askButton.disabled = true;
    const turn = pendingTurn(question);
    try {
      const response = await fetch("/ask", { method: "POST", body: new URLSearchParams({ question }),
                                             credentials: "same-origin" });
      if (!response.ok) throw new Error(await errorText(response, "the server could not answer"));
      const holder = document.createElement("ol");
      holder.innerHTML = await response.text();   // rendered by a Jinja2 template with autoescape
      turn.replaceWith(holder.firstElementChild);
      input.value = "";
    } catch (err) {
      turn.classList.remove("pending");
      const a = turn.querySelector(".answer");
      a.classList.add("failed");
      a.textContent = "error: " + err.message;
    } finally {
      askButton.disabled = false;
      input.focus();
      const last = answers.lastElementChild;
      if (last) last.scrollIntoView({ block: "start" });
    }
  }

  async function reset() {
    await fetch("/api/reset", { method: "POST", headers: { "Content-Type": "application/json" },
                                body: "{}", credentials: "same-origin" });
    answers.replaceChildren();
    input.value = "";
    input.focus();
  }

  askForm.addEventListener("submit", (event) => { event.preventDefault(); ask(input.value); });
  document.querySelectorAll(".chip").forEach((chip) =>
    chip.addEventListener("click", () => { input.value = chip.textContent; ask(chip.textContent); }));
  document.getElementById("reset").addEventListener("click", reset);

  const uploadForm = document.getElementById("upload-form");
  const status = document.getElementById("upload-status");
  uploadForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = uploadForm.querySelector("button[type=submit]");
    button.disabled = true;
    status.className = "status";
    status.textContent = "Uploading and fitting the model…";
    try {
      const response = await fetch("/api/upload", { method: "POST", body: new FormData(uploadForm),
                                                    credentials: "same-origin" });
      if (!response.ok) throw new Error(await errorText(response, "upload failed"));
      status.textContent = "Model refitted — reloading…";
      window.location.reload();
    } catch (err) {
      status.className = "status error";
      status.textContent = "error: " + err.message;
      button.disabled = false;
    }
  });
})();
