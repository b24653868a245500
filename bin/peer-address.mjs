// Preloaded into the Next.js server by `tollgate start` (node --import). Next.js fills x-forwarded-for from the
// socket only when a request comes without one, so a client could name any address it likes there. This stamps
// every request with the address of the peer that actually connected, in a header that a client's own copy of
// cannot survive; lib/http.ts reads it (and x-forwarded-for only through TOLLGATE_TRUSTED_PROXIES hops).
import http from "node:http";

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === "request" && request && request.headers) request.headers["x-tollgate-peer"] = request.socket?.remoteAddress ?? "";
  return emit.call(this, event, request, ...rest);
};
