(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("heatmap-data").textContent);
  var table = document.getElementById("heatmap");
  var panel = document.querySelector("[data-evidence]");
  var mark = { covered: "\u2714", partial: "\u25D0", missing: "\u2718" };
  var selected = null;

  function add(parent, tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function evidenceList(cell) {
    if (!cell.evidence.length) {
      add(panel, "p", "No evidence in the plan.");
      return;
    }
    var list = add(panel, "ol");
    cell.evidence.forEach(function (quote) {
      var item = add(list, "li");
      add(item, "blockquote", quote.text);
      add(item, "cite", quote.kind + (quote.target ? " (target: " + quote.target + ")" : "") +
        (quote.where ? ", " + quote.where : ""));
    });
    if (cell.more) {
      add(panel, "p", "And " + cell.more + " more piece" + (cell.more === 1 ? "" : "s") +
        " of evidence in the plan, not quoted.");
    }
  }

  function show(td) {
    var at = td.getAttribute("data-cell").split("-");
    var row = data.rows[Number(at[0])];
    var cell = row.cells[Number(at[1])];
    if (selected) selected.setAttribute("aria-pressed", "false");
    selected = td;
    td.setAttribute("aria-pressed", "true");
    panel.textContent = "";
    panel.className = "evidence v-" + cell.verdict + "-panel";
    var close = add(panel, "button", "Close", "close");
    close.type = "button";
    close.addEventListener("click", hide);
    add(panel, "h2", mark[cell.verdict] + " " + cell.verdict + " (score " + cell.score.toFixed(2) + "): " + cell.priority);
    add(panel, "p", row.name + (row.title ? " \u2014 " + row.title : ""));
    var reason = add(panel, "p", "Decided by ");
    add(reason, "code", cell.reason);
    reason.appendChild(document.createTextNode(": " + cell.explanation + "."));
    evidenceList(cell);
    if (row.report) {
      var link = add(add(panel, "p"), "a", "Open the plan's report");
      link.href = row.report;
    }
    panel.hidden = false;
    panel.scrollIntoView({ block: "nearest" });
  }

  function hide() {
    panel.hidden = true;
    if (selected) {
      selected.setAttribute("aria-pressed", "false");
      selected.focus();
    }
  }

  function sortBy(key, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = key === "coverage"
        ? Number(a.dataset.coverage) - Number(b.dataset.coverage)
        : a.dataset.name.localeCompare(b.dataset.name, "nl");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th[aria-sort]").forEach(function (th) {
      th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  table.addEventListener("click", function (event) {
    var td = event.target.closest("td[data-cell]");
    if (td) show(td);
    var button = event.target.closest("button[data-sort]");
    if (button) sortBy(button.getAttribute("data-sort"), button.closest("th"));
  });
  table.addEventListener("keydown", function (event) {
    var td = event.target.closest("td[data-cell]");
    if (td && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(td);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) hide();
  });
})();
