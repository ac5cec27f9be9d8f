import { api } from "./api.js";

// What shoppers look at, add and search, sent to analytics in small batches. The server names the signed-in user from
// the token; anonymous visitors are followed by a session id kept for this tab.
const sessionId = sessionStorage.getItem("store.visit") ?? crypto.randomUUID();
sessionStorage.setItem("store.visit", sessionId);
let queue = [];

export function track(type, fields) {
  queue.push({ id: crypto.randomUUID(), type, sessionId, occurredAt: new Date().toISOString(), ...fields });
  if (queue.length >= 20) flush();
}

export async function flush(keepalive = false) {
  if (queue.length === 0) return;
  const events = queue.splice(0, 500);
  try {
    await api("/api/analytics/events", { method: "POST", body: { events }, keepalive });
  } catch {
    // Analytics must never get in the way of shopping: a lost batch is only a gap in the charts.
  }
}

setInterval(flush, 3000);
addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(true); });
