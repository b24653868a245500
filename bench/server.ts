// The server under test and the `tollgate` commands around it: shared with the reliability drills, so they live in
// lib/testing/server.ts.
export { freePort, runTollgate, spawnServer, type ProcessPeak, type ServerProcess } from "@/lib/testing/server";
