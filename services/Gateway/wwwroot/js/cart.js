// The cart stays in this browser until the order is placed.
const cartKey = "store.cart";

export function lines() {
  return JSON.parse(localStorage.getItem(cartKey) ?? "[]");
}

function save(items) {
  localStorage.setItem(cartKey, JSON.stringify(items));
  document.getElementById("cart-count").textContent = String(items.reduce((sum, line) => sum + line.quantity, 0));
}

export function add(product, quantity) {
  const items = lines();
  const line = items.find(item => item.productId === product.id);
  if (line) line.quantity = Math.min(line.quantity + quantity, 50);
  else items.push({ productId: product.id, name: product.name, price: product.price, currency: product.currency, category: product.category, quantity });
  save(items);
}

export function setQuantity(productId, quantity) {
  save(lines().map(line => line.productId === productId ? { ...line, quantity } : line).filter(line => line.quantity > 0));
}

export function clear() {
  save([]);
}

export function refreshBadge() {
  save(lines());
}
