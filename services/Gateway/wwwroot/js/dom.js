// Builds elements from data without ever parsing it as HTML: text stays text, whatever a product name contains.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function money(amount, currency = "USD") {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
}

export function when(time) {
  return new Date(time).toLocaleString();
}

// Products have no photos in the seed: a tile coloured by category, with the name's initials.
export function art(product, large = false) {
  const hue = [...(product.category ?? "")].reduce((sum, c) => sum + c.charCodeAt(0), 0) * 37 % 360;
  const initials = product.name.split(/\s+/).slice(0, 2).map(word => word[0]).join("").toUpperCase();
  const tile = h("div", { class: large ? "art large" : "art", "aria-hidden": "true" }, initials);
  tile.style.setProperty("--hue", String(hue));
  return tile;
}

export function toast(message) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 3000);
}
