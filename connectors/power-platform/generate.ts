// `npm run connector`: writes the connector's definition and properties from the contract (lib/openapi/connector.ts).
import fs from "node:fs";
import path from "node:path";
import { connectorDefinition, connectorProperties } from "@/lib/openapi/connector";

export const CONNECTOR_FILES = {
  "apiDefinition.swagger.json": connectorDefinition,
  "apiProperties.json": connectorProperties,
} as const;

export const connectorText = (build: () => unknown) => `${JSON.stringify(build(), null, 2)}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  for (const [name, build] of Object.entries(CONNECTOR_FILES)) {
    fs.writeFileSync(path.join(import.meta.dirname, name), connectorText(build));
    console.log(`Wrote connectors/power-platform/${name}`);
  }
}
