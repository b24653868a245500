// Preloaded into the drills' servers (NODE_OPTIONS=--import): every listening socket binds to 127.0.0.1 instead of
// all interfaces. `next start` listens on 0.0.0.0 unless given -H, and `tollgate start` does not pass one; the
// drills' servers hold throwaway data and test keys and must not be reachable from other machines.
import net from "node:net";

const LOOPBACK = "127.0.0.1";
const anyHost = (host) => host === undefined || host === null || host === "" || host === "0.0.0.0" || host === "::";
const original = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const [first] = args;
  if (first && typeof first === "object" && !("fd" in first) && !("path" in first) && !(first instanceof net.Server)) {
    if (anyHost(first.host)) args[0] = { ...first, host: LOOPBACK };
  } else if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof args[1] === "string" || args[1] === undefined || args[1] === null) {
      if (anyHost(args[1])) args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK); // listen(port, backlog?, callback?)
    }
  }
  return original.apply(this, args);
};
