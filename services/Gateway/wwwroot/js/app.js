import { session, signOut } from "./api.js";
import { refreshBadge } from "./cart.js";
import { h } from "./dom.js";
import * as catalog from "./views/catalog.js";
import * as product from "./views/product.js";
import * as cart from "./views/cart.js";
import * as orders from "./views/orders.js";
import * as order from "./views/order.js";
import * as signin from "./views/signin.js";
import * as ops from "./views/ops.js";

const view = document.getElementById("view");
let navigation = 0;

function updateNav() {
  const current = session();
  document.getElementById("nav-sign-in").hidden = Boolean(current);
  document.getElementById("nav-sign-out").hidden = !current;
  document.getElementById("nav-orders").hidden = !current;
  document.getElementById("nav-ops").hidden = current?.role !== "admin";
  document.getElementById("nav-sign-out").textContent = current ? `Sign out ${current.userName}` : "Sign out";
}

// Hash routes (#/product/…): the gateway serves one page, and no server route has to know the UI's.
async function route() {
  const ticket = ++navigation;
  const isCurrent = () => ticket === navigation;
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query ?? "");
  const [, page, id] = (path || "/").split("/");
  updateNav();
  try {
    switch (page) {
      case "": case undefined: await catalog.render(view, params, isCurrent); break;
      case "product": await product.render(view, id, isCurrent); break;
      case "cart": cart.render(view); break;
      case "sign-in": signin.render(view, params, updateNav); break;
      case "orders": await requireSession(() => orders.render(view, isCurrent)); break;
      case "order": await requireSession(() => order.render(view, id, isCurrent)); break;
      case "ops": await requireSession(() => ops.render(view, isCurrent)); break;
      default: view.replaceChildren(h("div", { class: "panel" }, h("h1", {}, "Not found"), h("a", { href: "#/" }, "Back to the shop")));
    }
  } catch (error) {
    if (error.status === 401) { signOut(); location.hash = "#/sign-in"; return; }
    view.replaceChildren(h("div", { class: "panel" }, h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error.message)));
  }
}

async function requireSession(render) {
  if (!session()) { location.hash = `#/sign-in?next=${encodeURIComponent(location.hash.slice(2))}`; return; }
  await render();
}

document.getElementById("search").addEventListener("submit", event => {
  event.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  location.hash = q ? `#/?q=${encodeURIComponent(q)}` : "#/";
});
document.getElementById("nav-sign-out").addEventListener("click", () => { signOut(); updateNav(); location.hash = "#/"; });
addEventListener("hashchange", route);
refreshBadge();
route();
