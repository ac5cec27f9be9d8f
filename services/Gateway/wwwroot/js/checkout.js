import { api } from "./api.js";

// Placing an order while the store is busy (503 with Retry-After): wait as asked, longer after each refusal, with a
// little jitter so that refused shoppers do not all come back at the same moment, and send the same request again.
const maxAttempts = 7;
let intended = null;

// One Idempotency-Key per intended order: every retry, and a click again after giving up, sends the same key until the
// cart or the card changes, so the store places it at most once however often it is sent.
function keyFor(order) {
  const fingerprint = JSON.stringify(order);
  if (intended?.fingerprint !== fingerprint) intended = { fingerprint, key: crypto.randomUUID() };
  return intended.key;
}

// onWait(seconds) is told before each pause, to show the shopper what is going on.
export async function placeOrder(order, onWait) {
  const key = keyFor(order);
  for (let attempt = 1; ; attempt++) {
    try {
      const placed = await api("/api/orders", { method: "POST", headers: { "Idempotency-Key": key }, body: order });
      intended = null;
      return placed;
    } catch (error) {
      if (error.status !== 503 || attempt === maxAttempts) throw error;
      const seconds = Math.max(error.retryAfter ?? 1, 2 ** (attempt - 1)) * (1 + Math.random() / 4);
      onWait(Math.ceil(seconds));
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
    }
  }
}
