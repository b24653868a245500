#!/usr/bin/env node
// Entry point of the `tollgate` CLI and of `npm start`: registers tsx so the TypeScript sources run as they are.
import { register } from "tsx/esm/api";
register();
await import("../lib/cli/main.ts");
