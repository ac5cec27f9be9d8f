// Signs a user in against whichever identity this environment has, as the gateway tells (/api/identity/sign-in):
// the development identity of a local run (the gateway's token endpoint, seeded demo users), or the Cognito user pool
// of a published stack, through Cognito's own API (InitiateAuth with USER_PASSWORD_AUTH) — the same form either way.
// Both answer an access token the gateway and every service validate against the issuer's published keys.
let configuration;

export async function signInConfiguration() {
  configuration ??= fetch("/api/identity/sign-in").then(response => {
    if (!response.ok) throw new Error(`The sign-in configuration is unavailable (${response.status}).`);
    return response.json();
  });
  return configuration;
}

// Resolves to { token, userName, role, expiresIn } or rejects with an Error whose status says why (401, 429).
export async function requestToken(userName, password) {
  const signIn = await signInConfiguration();
  return signIn.provider === "cognito"
    ? cognitoToken(signIn, userName, password)
    : developmentToken(signIn, userName, password);
}

async function developmentToken(signIn, userName, password) {
  const response = await fetch(signIn.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userName, password }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, body?.detail || body?.title);
  return { token: body.accessToken, userName: body.userName, role: body.role, expiresIn: body.expiresIn };
}

async function cognitoToken(signIn, userName, password) {
  const response = await fetch(signIn.cognitoEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: signIn.clientId, AuthParameters: { USERNAME: userName, PASSWORD: password } }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const throttled = body?.__type?.endsWith("TooManyRequestsException") || body?.__type?.endsWith("LimitExceededException");
    throw failure(throttled ? 429 : 401, body?.message);
  }
  // Users an operator created with a temporary password, or with MFA, get a challenge this form does not answer.
  if (!body?.AuthenticationResult) throw failure(401, `Sign-in needs a step this page does not offer (${body?.ChallengeName}); ask an operator.`);
  const claims = payload(body.AuthenticationResult.AccessToken);
  return {
    token: body.AuthenticationResult.AccessToken,
    userName: claims.username,
    role: (claims["cognito:groups"] ?? []).includes("admin") ? "admin" : "customer",
    expiresIn: body.AuthenticationResult.ExpiresIn,
  };
}

// What the token says about the user, for display only: the services check its signature, the page cannot.
function payload(token) {
  const base64 = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), c => c.charCodeAt(0))));
}

function failure(status, message) {
  return Object.assign(new Error(message || "Sign-in failed."), { status });
}
