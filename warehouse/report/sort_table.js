// Sort a table.sortable by the column whose header button is clicked; again to reverse. Cells may carry the
// value to sort by in data-sort (numbers), else their text is compared.
document.querySelectorAll("table.sortable").forEach((table) => {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    th.querySelector("button").addEventListener("click", () => {
      const descending = th.getAttribute("aria-sort") !== "descending";
      headers.forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const numeric = th.dataset.type === "number";
      const key = (row) => {
        const cell = row.cells[column];
        return numeric ? Number(cell.dataset.sort ?? -Infinity) : cell.textContent.trim().toLowerCase();
      };
      const body = table.tBodies[0];
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const order = numeric ? x - y : x.localeCompare(y);
        return descending ? -order : order;
      });
      body.append(...rows);
    });
  });
});
