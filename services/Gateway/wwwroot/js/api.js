import { requestToken } from "./identity.js";

// Talks to the gateway, the only API the browser calls. The session (a bearer token from this environment's identity,
// see identity.js) lives in sessionStorage: it ends with the tab, and the content security policy keeps foreign
// scripts out.
const sessionKey = "store.session";

export function session() {
  const stored = sessionStorage.getItem(sessionKey);
  if (!stored) return null;
  const value = JSON.parse(stored);
  return Date.now() < value.expiresAt ? value : (sessionStorage.removeItem(sessionKey), null);
}

export async function signIn(userName, password) {
  const token = await requestToken(userName, password);
  const value = { token: token.token, userName: token.userName, role: token.role, expiresAt: Date.now() + token.expiresIn * 1000 };
  sessionStorage.setItem(sessionKey, JSON.stringify(value));
  return value;
}

export function signOut() {
  sessionStorage.removeItem(sessionKey);
}

export class ApiError extends Error {
  // retryAfter: the seconds a 503 or 429 asks the client to wait before sending the same request again, if it says.
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export function authorization() {
  const current = session();
  return current ? { Authorization: `Bearer ${current.token}` } : {};
}

export async function api(path, { method = "GET", body, headers = {}, anonymous = false, keepalive = false } = {}) {
  const response = await fetch(path, {
    method,
    keepalive,
    headers: { ...(anonymous ? {} : authorization()), ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data, retryAfterSeconds(response));
  return data;
}

function retryAfterSeconds(response) {
  const seconds = Number(response.headers.get("Retry-After"));
  return seconds > 0 ? seconds : null;
}
